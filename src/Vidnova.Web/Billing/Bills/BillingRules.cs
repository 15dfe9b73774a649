using NodaTime;
using Vidnova.Kernel;
using Vidnova.Readings;

namespace Vidnova.Billing.Bills;

/// <summary>What the rules make of one account's period: the lines to bill, or nothing when the account has no meter.</summary>
public sealed record BillComputation(IReadOnlyList<BillLine> Lines, BillEstimate? Estimate, LocalDate? ReadingsThrough);

/// <summary>
/// The monthly bill's consumption and lines (issue 12), pure and without I/O:
/// <list type="bullet">
/// <item>Readings not yet billed (taken after the previous bill's <see cref="Bill.ReadingsThrough"/> and counted for
/// this period or an earlier one) are the actual consumption; a reading that arrived after its period was billed is
/// billed with the next one, so none is ever lost.</item>
/// <item>With none, an estimate: the average daily consumption between the two latest readings of the meter at least
/// <c>Billing:EstimateMinimumDays</c> apart, times the period's days; else the same month of the previous year's
/// bill; else zero, flagged (<see cref="EstimateMethod.None"/>) for staff.</item>
/// <item>When readings come after estimated bills, they cover those months too: the consumption is shared between
/// the estimated months and this one by days, this period's share is its energy, and the estimated months' share
/// minus what they were billed is a correction line per zone (negative when the estimate was too high), priced at
/// this period's normal zone price — over time the customer pays for exactly what the meter shows.</item>
/// <item>Energy is priced by <see cref="TariffArithmetic"/>; each line's amount is rounded once, half away from zero.</item>
/// </list>
/// </summary>
public static class BillingRules
{
    /// <summary>The bill of <paramref name="period"/>, or null when the account had no meter in it.</summary>
    /// <param name="history">Every reading of the account, of every meter (the installation readings too).</param>
    /// <param name="previousBills">The account's bills of earlier periods (at least the last two years').</param>
    public static BillComputation? Compute(BillingPeriod period, IReadOnlyList<ReadingRecord> history, IReadOnlyList<Bill> previousBills,
        TariffSchedule tariffs, ElectricHeatingApprovals heating, int estimateMinimumDays)
    {
        var known = history.Where(r => r.Period <= period).ToList();
        var meter = known.Select(r => r.Meter).Where(m => m.InstalledOn <= period.LastDay)
            .OrderBy(m => m.RemovedOn is null).ThenBy(m => m.InstalledOn).LastOrDefault();
        if (meter is null)
        {
            return null;
        }

        var earlier = previousBills.Where(b => b.Period < period).OrderBy(b => b.Period).ToList();
        var through = earlier.LastOrDefault()?.ReadingsThrough;
        var fresh = known.Where(r => r.Source != ReadingSource.Installation && (through is null || r.TakenOn > through)).ToList();
        if (fresh.Count > 0)
        {
            return Actual(period, fresh, earlier, meter.Scheme, tariffs, heating);
        }

        var (consumption, estimate) = Estimate(period, meter, known, earlier, estimateMinimumDays);
        var lines = Energy(TariffArithmetic.Price(period, meter.Scheme, consumption, tariffs, heating)).ToList();
        return new BillComputation(lines, estimate, through);
    }

    private static BillComputation Actual(BillingPeriod period, List<ReadingRecord> fresh, List<Bill> earlier, ZoneScheme current,
        TariffSchedule tariffs, ElectricHeatingApprovals heating)
    {
        var estimated = Enumerable.Reverse(earlier).TakeWhile(b => b.Estimated).ToList();
        var estimatedDays = estimated.Sum(b => (long)b.Period.Days);
        var lines = new List<BillLine>();
        var correction = new Dictionary<MeterZone, long>();
        // A meter replaced in the period bills both meters, each priced by its own zones.
        foreach (var meter in fresh.GroupBy(r => r.Meter.Id))
        {
            var scheme = meter.First().Meter.Scheme;
            var own = new List<KeyValuePair<MeterZone, Kwh>>();
            foreach (var zone in scheme.Zones)
            {
                var wh = meter.Sum(r => r.Consumption[zone].Wh);
                var share = estimatedDays == 0 ? wh : TariffArithmetic.Apportion(Math.Max(wh, 0), [estimatedDays, period.Days])[1];
                own.Add(KeyValuePair.Create(zone, Kwh.FromWh(share)));
                correction[zone] = correction.GetValueOrDefault(zone) + (wh - share);
            }

            lines.AddRange(Energy(TariffArithmetic.Price(period, scheme, ZoneKwh.Of(own), tariffs, heating)));
        }

        if (estimated.Count > 0)
        {
            foreach (var bill in estimated)
            {
                foreach (var (zone, kwh) in bill.ZoneKwh)
                {
                    correction[zone] = correction.GetValueOrDefault(zone) - kwh.Wh;
                }
            }

            var tariff = tariffs.InForceOn(period.LastDay)!;
            foreach (var (zone, wh) in correction.Where(c => c.Value != 0).OrderBy(c => current.Zones.Contains(c.Key) ? current.Zones.ToList().IndexOf(c.Key) : 9))
            {
                // A zone the current meter does not count (a replaced meter of other zones) is priced at the one-zone price.
                var price = current.Zones.Contains(zone) ? tariff.PriceOf(current, zone) : tariff.PriceOf(ZoneScheme.OneZone, MeterZone.Total);
                lines.Add(new BillLine(BillLineKind.Correction, zone, Kwh.FromWh(wh), price, price * Kwh.FromWh(wh)));
            }
        }

        return new BillComputation(lines, null, fresh.Max(r => r.TakenOn));
    }

    private static (ZoneKwh Consumption, BillEstimate Estimate) Estimate(BillingPeriod period, MeterSummary meter, List<ReadingRecord> known,
        List<Bill> earlier, int minimumDays)
    {
        var readings = known.Where(r => r.Meter.Id == meter.Id).OrderBy(r => r.TakenOn).ToList();
        if (readings.Count >= 2)
        {
            var latest = readings[^1];
            if (readings.LastOrDefault(r => Period.DaysBetween(r.TakenOn, latest.TakenOn) >= minimumDays) is { } from)
            {
                var span = Period.DaysBetween(from.TakenOn, latest.TakenOn);
                var between = readings.Where(r => r.TakenOn > from.TakenOn && r.TakenOn <= latest.TakenOn).ToList();
                var perZone = meter.Scheme.Zones.ToDictionary(z => z, z => between.Sum(r => r.Consumption[z].Wh));
                var consumption = ZoneKwh.Of(perZone.Select(z => KeyValuePair.Create(z.Key, Kwh.FromWh(Scale(z.Value, period.Days, span)))));
                return (consumption, new BillEstimate(EstimateMethod.AverageDaily, decimal.Round(perZone.Values.Sum() / 1000m / span, 3, MidpointRounding.AwayFromZero)));
            }
        }

        var lastYear = BillingPeriod.Of(period.Month.Year - 1, period.Month.Month);
        if (earlier.FirstOrDefault(b => b.Period == lastYear) is { } then && meter.Scheme.Matches(then.ZoneKwh.Keys) && then.Kwh > Kwh.Zero)
        {
            var zones = then.ZoneKwh;
            return (ZoneKwh.Of(meter.Scheme.Zones.Select(z => KeyValuePair.Create(z, zones[z]))),
                new BillEstimate(EstimateMethod.SameMonthLastYear, decimal.Round(then.Kwh.Value / lastYear.Days, 3, MidpointRounding.AwayFromZero)));
        }

        return (ZoneKwh.Of(meter.Scheme.Zones.Select(z => KeyValuePair.Create(z, Kwh.Zero))), new BillEstimate(EstimateMethod.None, 0m));
    }

    /// <summary><paramref name="wh"/> × <paramref name="days"/> / <paramref name="span"/>, to the watt-hour, half away from zero.</summary>
    private static long Scale(long wh, int days, int span) => (long)decimal.Round((decimal)wh * days / span, MidpointRounding.AwayFromZero);

    private static IEnumerable<BillLine> Energy(PricedConsumption priced) =>
        priced.Lines.Select(l => new BillLine(BillLineKind.Energy, l.Zone, l.Kwh, l.Price, l.Amount));
}
