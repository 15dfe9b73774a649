using NodaTime;
using Vidnova.Kernel;
using Vidnova.Problems;

namespace Vidnova.Billing;

/// <summary>One line of a priced consumption: kWh of one zone at one price, its amount rounded to the kopiyka.</summary>
public sealed record PricedLine(MeterZone Zone, Kwh Kwh, PricePerKwh Price, Money Amount, bool ElectricHeating);

/// <summary>A month's consumption priced line by line; <see cref="Amount"/> is the sum of the lines' rounded amounts.</summary>
public sealed record PricedConsumption(BillingPeriod Period, IReadOnlyList<PricedLine> Lines)
{
    public Money Amount => Lines.Aggregate(Money.Zero, (sum, line) => sum + line.Amount);

    public Kwh Kwh => Lines.Aggregate(Kwh.Zero, (sum, line) => sum + line.Kwh);
}

/// <summary>
/// Prices a month's consumption with the household tariffs (pure, no I/O; ADR 0007).
/// <list type="bullet">
/// <item>The month is cut into runs of days on which the same tariff is in force and electric heating applies or not
/// (approved for the account, the tariff has a tier, the day is in its season); each zone's kWh is shared between the
/// runs by their days — a tariff change inside a month is prorated by days.</item>
/// <item>On heating days the allowance (2,000 kWh a month, shared by days the same way) is priced at the heating
/// price, the rest at the normal one. With zones, the allowance is shared between the zones in proportion to their
/// kWh, and each zone's factor applies to the heating price too (2,64 × 0,4 at night on a three-zone meter).</item>
/// <item>Every share is made in whole watt-hours by largest remainder, so the lines' kWh add up to the meter's exactly.</item>
/// <item>Lines of the same zone at the same price are one line (zones in the scheme's order, the heating tier first); each line's amount is rounded to the kopiyka once,
/// half away from zero (<see cref="PricePerKwh"/> × <see cref="Kwh"/>), and the total is the sum of the lines.</item>
/// </list>
/// </summary>
public static class TariffArithmetic
{
    public static PricedConsumption Price(BillingPeriod period, ZoneScheme scheme, ZoneKwh consumption, TariffSchedule tariffs,
        ElectricHeatingApprovals heating)
    {
        if (!scheme.Matches(consumption.Zones))
        {
            throw new ArgumentException($"The consumption's zones ({consumption}) are not those of a {scheme.Count}-zone meter.", nameof(consumption));
        }

        if (consumption.Values.Any(v => v.Value < Kwh.Zero))
        {
            throw new ArgumentException("A consumption to price is not negative; price a correction as the difference of two pricings.", nameof(consumption));
        }

        var runs = RunsOf(period, tariffs, heating);
        var monthDays = runs.Select(r => (long)r.Days).ToArray();
        // Each heating run's allowance is its tariff's monthly kWh times its share of the month's days.
        var allowance = runs.Select((run, r) => run.Heating ? Apportion(run.Tariff.ElectricHeating!.MonthlyKwh.Wh, monthDays)[r] : 0L).ToArray();

        var zones = scheme.Zones.ToList();
        var byRun = zones.Select(zone => Apportion(consumption[zone].Wh, monthDays)).ToArray(); // [zone][run]
        var lines = new List<(MeterZone Zone, PricePerKwh Price, bool Heating, long Wh)>();
        for (var r = 0; r < runs.Count; r++)
        {
            var run = runs[r];
            var zoneWh = zones.Select((_, z) => byRun[z][r]).ToArray();
            var heated = run.Heating
                ? Apportion(Math.Min(zoneWh.Sum(), allowance[r]), zoneWh)
                : new long[zones.Count];
            for (var z = 0; z < zones.Count; z++)
            {
                if (heated[z] > 0)
                {
                    Add(lines, zones[z], run.Tariff.HeatingPriceOf(scheme, zones[z]), true, heated[z]);
                }

                if (zoneWh[z] - heated[z] > 0)
                {
                    Add(lines, zones[z], run.Tariff.PriceOf(scheme, zones[z]), false, zoneWh[z] - heated[z]);
                }
            }
        }

        var priced = lines
            .OrderBy(l => zones.IndexOf(l.Zone))
            .ThenByDescending(l => l.Heating)
            .Select(l => new PricedLine(l.Zone, Kwh.FromWh(l.Wh), l.Price, l.Price * Kwh.FromWh(l.Wh), l.Heating))
            .ToList();
        return new PricedConsumption(period, priced);
    }

    /// <summary>
    /// Shares <paramref name="total"/> in proportion to <paramref name="weights"/> in whole units: each gets the floor
    /// of its exact share, and the units left over go to the largest fractional parts (the earliest on a tie), so the
    /// shares add up to the total and none exceeds its exact share by a unit or more.
    /// </summary>
    public static long[] Apportion(long total, IReadOnlyList<long> weights)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(total);
        var shares = new long[weights.Count];
        Int128 sum = 0;
        foreach (var weight in weights)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(weight, nameof(weights));
            sum += weight;
        }

        if (sum == 0 || total == 0)
        {
            return shares;
        }

        var remainders = new Int128[weights.Count];
        long given = 0;
        for (var i = 0; i < weights.Count; i++)
        {
            var exact = (Int128)total * weights[i];
            shares[i] = (long)(exact / sum);
            remainders[i] = exact % sum;
            given += shares[i];
        }

        foreach (var i in Enumerable.Range(0, weights.Count).OrderByDescending(i => remainders[i]).ThenBy(i => i).Take((int)(total - given)))
        {
            shares[i]++;
        }

        return shares;
    }

    private static void Add(List<(MeterZone Zone, PricePerKwh Price, bool Heating, long Wh)> lines, MeterZone zone, PricePerKwh price, bool heating, long wh)
    {
        var index = lines.FindIndex(l => l.Zone == zone && l.Price == price && l.Heating == heating);
        if (index < 0)
        {
            lines.Add((zone, price, heating, wh));
        }
        else
        {
            lines[index] = lines[index] with { Wh = lines[index].Wh + wh };
        }
    }

    private sealed record Run(HouseholdTariff Tariff, bool Heating, int Days);

    private static List<Run> RunsOf(BillingPeriod period, TariffSchedule tariffs, ElectricHeatingApprovals heating)
    {
        var runs = new List<Run>();
        for (var day = period.FirstDay; day <= period.LastDay; day = day.PlusDays(1))
        {
            var tariff = tariffs.InForceOn(day) ?? throw NoTariff(day);
            var heated = tariff.ElectricHeating is { } tier && tier.InSeason(day) && heating.ApprovedOn(day);
            if (runs.Count > 0 && ReferenceEquals(runs[^1].Tariff, tariff) && runs[^1].Heating == heated)
            {
                runs[^1] = runs[^1] with { Days = runs[^1].Days + 1 };
            }
            else
            {
                runs.Add(new Run(tariff, heated, 1));
            }
        }

        return runs;
    }

    private static BusinessRuleException NoTariff(LocalDate day) =>
        new("no_tariff", "На {0:dd.MM.yyyy} не встановлено тарифу. Адміністратор задає його: PUT /api/v1/tariffs/{{effectiveFrom}}.", day.ToDateOnly())
        {
            Category = RefusalCategory.Conflict,
        };
}
