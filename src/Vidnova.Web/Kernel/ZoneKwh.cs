namespace Vidnova.Kernel;

/// <summary>
/// kWh by meter zone: what a meter's registers show (a reading) or what was used between two readings (a consumption).
/// </summary>
public sealed class ZoneKwh : IEquatable<ZoneKwh>
{
    private readonly SortedDictionary<MeterZone, Kwh> _values;

    private ZoneKwh(SortedDictionary<MeterZone, Kwh> values) => _values = values;

    public static ZoneKwh Empty { get; } = new([]);

    public static ZoneKwh Of(IEnumerable<KeyValuePair<MeterZone, Kwh>> values) => new(new SortedDictionary<MeterZone, Kwh>(values.ToDictionary()));

    public static ZoneKwh Of(params (MeterZone Zone, decimal Kwh)[] values) =>
        Of(values.Select(v => KeyValuePair.Create(v.Zone, Kwh.Of(v.Kwh))));

    public IReadOnlyCollection<MeterZone> Zones => _values.Keys;

    public IEnumerable<KeyValuePair<MeterZone, Kwh>> Values => _values;

    public Kwh this[MeterZone zone] => _values[zone];

    public bool Has(MeterZone zone) => _values.ContainsKey(zone);

    /// <summary>The sum over the zones.</summary>
    public Kwh Total => Kwh.FromWh(_values.Values.Sum(v => v.Wh));

    /// <summary>Each zone as the API writes it, <c>{"day": 120, "night": 40}</c>.</summary>
    public IReadOnlyDictionary<string, decimal> ToNames() => _values.ToDictionary(v => MeterZoneNames.Of(v.Key), v => v.Value.Value);

    public bool Equals(ZoneKwh? other) => other is not null && _values.SequenceEqual(other._values);

    public override bool Equals(object? obj) => Equals(obj as ZoneKwh);

    public override int GetHashCode() => _values.Aggregate(0, (hash, v) => HashCode.Combine(hash, v.Key, v.Value));

    public override string ToString() => string.Join(", ", _values.Select(v => $"{MeterZoneNames.Of(v.Key)} {v.Value.Value}"));
}
