using System.Diagnostics.CodeAnalysis;

namespace Vidnova.Kernel;

/// <summary>A register of an electricity meter: the single one of a one-zone meter, or one time-of-day zone.</summary>
public enum MeterZone
{
    Total,
    Day,
    Night,
    Peak,
    HalfPeak,
}

/// <summary>How many time-of-day zones a meter counts: 1 (total), 2 (day, night) or 3 (peak, half-peak, night).</summary>
public readonly record struct ZoneScheme
{
    private static readonly MeterZone[] One = [MeterZone.Total];
    private static readonly MeterZone[] Two = [MeterZone.Day, MeterZone.Night];
    private static readonly MeterZone[] Three = [MeterZone.Peak, MeterZone.HalfPeak, MeterZone.Night];

    private ZoneScheme(int count) => Count = count;

    public int Count { get; }

    public static ZoneScheme OneZone => new(1);

    public static ZoneScheme TwoZone => new(2);

    public static ZoneScheme ThreeZone => new(3);

    /// <summary>The zones of this scheme, in the order a bill lists them.</summary>
    public IReadOnlyList<MeterZone> Zones => Count switch
    {
        2 => Two,
        3 => Three,
        _ => One,
    };

    public static bool TryOf(int count, [NotNullWhen(true)] out ZoneScheme? scheme)
    {
        scheme = count is >= 1 and <= 3 ? new ZoneScheme(count) : null;
        return scheme is not null;
    }

    public static ZoneScheme Of(int count) =>
        TryOf(count, out var scheme) ? scheme.Value : throw new ArgumentOutOfRangeException(nameof(count), count, "A meter has 1, 2 or 3 zones.");

    /// <summary>True when exactly this scheme's zones are present.</summary>
    public bool Matches(IEnumerable<MeterZone> zones) => zones.Order().SequenceEqual(Zones.Order());
}

/// <summary>The zones' names in the API and on bills: <c>total</c>, <c>day</c>, <c>night</c>, <c>peak</c>, <c>halfPeak</c>.</summary>
public static class MeterZoneNames
{
    public static string Of(MeterZone zone) => zone switch
    {
        MeterZone.Total => "total",
        MeterZone.Day => "day",
        MeterZone.Night => "night",
        MeterZone.Peak => "peak",
        MeterZone.HalfPeak => "halfPeak",
        _ => throw new ArgumentOutOfRangeException(nameof(zone), zone, null),
    };

    public static MeterZone? Parse(string? name) => name switch
    {
        "total" => MeterZone.Total,
        "day" => MeterZone.Day,
        "night" => MeterZone.Night,
        "peak" => MeterZone.Peak,
        "halfPeak" => MeterZone.HalfPeak,
        _ => null,
    };
}
