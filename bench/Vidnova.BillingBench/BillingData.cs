using NodaTime;
using Vidnova.Accounts;
using Vidnova.Kernel;
using Vidnova.Readings;

namespace Vidnova.BillingBench;

/// <summary>
/// N households made with the product's own factories: one meter each (70 % one-zone, 25 % two-zone, 5 % three-zone),
/// installed on 31 August with its starting values, readings at the end of September and October, and at the end of
/// November for 85 % of them, so the run bills the rest by estimate (average daily use between the two latest actual
/// readings). Deterministic: account i always gets the same data.
/// </summary>
internal sealed class BillingData(int accounts)
{
    private static readonly Instant RecordedAt = Instant.FromUtc(2026, 12, 1, 8, 0);
    private static readonly LocalDate InstalledOn = new(2026, 8, 31);
    private static readonly LocalDate[] MonthEnds = [new(2026, 9, 30), new(2026, 10, 31), new(2026, 11, 30)];

    public int Count => accounts;

    public static AccountNumber NumberOf(int i) => AccountNumber.Parse($"8{i:D9}");

    public IEnumerable<PersonalAccount> Accounts()
    {
        var dso = DsoCode.Parse("bench-dso");
        for (var i = 1; i <= accounts; i++)
        {
            yield return PersonalAccount.Open(NumberOf(i), $"Абонент {i}", $"м. Київ, вул. Тестова, {i}", EicOf(i), Settlement.City, dso);
        }
    }

    public IEnumerable<Meter> Meters() => Enumerable.Range(1, accounts).Select(MeterOf);

    public IEnumerable<MeterReading> Readings()
    {
        for (var i = 1; i <= accounts; i++)
        {
            var meter = MeterOf(i);
            yield return MeterReading.Take(meter, InstalledOn, ValuesOn(i, meter.Scheme, 0), ReadingSource.Installation, false, RecordedAt, "bench");
            var months = i % 20 < 3 ? MonthEnds.Length - 1 : MonthEnds.Length;
            for (var m = 0; m < months; m++)
            {
                yield return MeterReading.Take(meter, MonthEnds[m], ValuesOn(i, meter.Scheme, m + 1), ReadingSource.Customer, false, RecordedAt, "bench");
            }
        }
    }

    /// <summary>The same meter (and id) for account i however often it is asked for, so readings point at it.</summary>
    private static Meter MeterOf(int i)
    {
        var zones = (i % 20) switch { 0 => 3, <= 5 => 2, _ => 1 };
        var meter = Meter.Install(NumberOf(i), MeterSerialNumber.Parse($"BENCH-{i}"), ZoneScheme.Of(zones), 6, InstalledOn, RecordedAt, "bench");
        // A meter gets a random id; the bench makes it again for its readings rather than hold a million meters.
        typeof(Meter).GetProperty(nameof(Meter.Id))!.SetValue(meter, new Guid(i, 0, 0, new byte[8]));
        return meter;
    }

    /// <summary>Registers after <paramref name="months"/> months: 120–320 kWh a month, split over the zones.</summary>
    private static ZoneKwh ValuesOn(int i, ZoneScheme scheme, int months)
    {
        var start = i % 50_000;
        var monthly = 120 + (i * 7 % 200);
        decimal On(decimal share) => Math.Round(start * share + monthly * share * months, 0);
        return scheme.Count switch
        {
            1 => ZoneKwh.Of((MeterZone.Total, On(1m))),
            2 => ZoneKwh.Of((MeterZone.Day, On(0.65m)), (MeterZone.Night, On(0.35m))),
            _ => ZoneKwh.Of((MeterZone.Peak, On(0.3m)), (MeterZone.HalfPeak, On(0.4m)), (MeterZone.Night, On(0.3m))),
        };
    }

    private static Eic EicOf(int i)
    {
        foreach (var letter in "XYZW")
        {
            var first15 = $"62Z{letter}{i:D11}";
            if (Eic.ComputeCheckCharacter(first15) is { } check && check != '-')
            {
                return Eic.Parse(first15 + check);
            }
        }

        throw new InvalidOperationException($"No EIC for account {i}.");
    }
}
