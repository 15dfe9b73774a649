using CsCheck;
using NodaTime;
using Vidnova.Billing;
using Vidnova.Billing.Bills;
using Vidnova.Kernel;
using Vidnova.Readings;

namespace Vidnova.Tests.Billing;

/// <summary>The monthly bill's consumption: actual readings, the three estimates in their order, and the later correction.</summary>
public sealed class BillingRulesTests
{
    private static readonly TariffSchedule Tariffs = new([TariffSeed.Resolution632(Instant.FromUtc(2020, 1, 1, 0, 0))]);
    private static readonly MeterSummary OneZone = new(Guid.NewGuid(), MeterSerialNumber.Parse("M-1"), ZoneScheme.OneZone, 6, new LocalDate(2025, 1, 1), null);
    private static readonly MeterSummary TwoZone = new(Guid.NewGuid(), MeterSerialNumber.Parse("M-2"), ZoneScheme.TwoZone, 6, new LocalDate(2025, 1, 1), null);
    private static readonly AccountNumber Account = AccountNumber.Parse("6200000001");
    private static readonly BillingPeriod October = BillingPeriod.Of(2026, 10);
    private static readonly BillingPeriod November = BillingPeriod.Of(2026, 11);
    private static readonly BillingPeriod December = BillingPeriod.Of(2026, 12);

    /// <summary>One-zone readings of <see cref="OneZone"/>, the first its installation; each one's consumption since the previous.</summary>
    private static List<ReadingRecord> Readings(params (LocalDate On, decimal Total)[] values)
    {
        var records = new List<ReadingRecord>();
        for (var i = 0; i < values.Length; i++)
        {
            var consumption = i == 0 ? 0m : values[i].Total - values[i - 1].Total;
            records.Add(new ReadingRecord(Guid.NewGuid(), OneZone, values[i].On, ReadingWindow.PeriodOf(values[i].On), ReadingWindow.IsEndOfPeriod(values[i].On),
                i == 0 ? ReadingSource.Installation : ReadingSource.Customer, false, ZoneKwh.Of((MeterZone.Total, values[i].Total)),
                ZoneKwh.Of((MeterZone.Total, consumption)), Instant.FromUtc(2026, 1, 1, 0, 0)));
        }

        return records;
    }

    private static BillComputation Compute(BillingPeriod period, List<ReadingRecord> history, params Bill[] previous) =>
        BillingRules.Compute(period, history, previous, Tariffs, ElectricHeatingApprovals.None, 28)!;

    private static Bill Issued(BillingPeriod period, BillComputation computed) =>
        Bill.Issue(Guid.NewGuid(), Account, period, computed.Lines, computed.Estimate, computed.ReadingsThrough, Money.Zero, Money.Zero,
            period.LastDay.PlusDays(20), Instant.FromUtc(2026, 12, 5, 0, 0));

    private static (BillLineKind, MeterZone, decimal, decimal, decimal)[] Lines(BillComputation computed) =>
        [.. computed.Lines.Select(l => (l.Kind, l.Zone, l.Kwh.Value, l.Price.UahPerKwh, l.Amount.Amount))];

    [Fact]
    public void ThePeriodsReadings_AreItsConsumption_PricedByTheTariff()
    {
        var history = Readings((new LocalDate(2026, 9, 1), 1000m), (new LocalDate(2026, 10, 31), 1600m), (new LocalDate(2026, 11, 30), 1850.5m));
        var october = Issued(October, Compute(October, history));

        var computed = Compute(November, history, october);

        // 250,5 × 4,32 = 1082,16; October's bill had the 600 kWh since the installation.
        Assert.Equal([(BillLineKind.Energy, MeterZone.Total, 600m, 4.32m, 2592.00m)], Lines(Compute(October, history)));
        Assert.Equal([(BillLineKind.Energy, MeterZone.Total, 250.5m, 4.32m, 1082.16m)], Lines(computed));
        Assert.Null(computed.Estimate);
        Assert.Equal(new LocalDate(2026, 11, 30), computed.ReadingsThrough);
    }

    [Fact]
    public void WithoutReadings_TheEstimate_IsTheAverageDailyUse_BetweenTheTwoLatestReadingsAtLeast28DaysApart()
    {
        // 1 Sep → 31 Oct is 60 days and 600 kWh: 10 kWh a day, 300 for November's 30 days. The reading of 20 Oct is
        // too close to the latest to be the other end, so it is only passed through.
        var history = Readings((new LocalDate(2026, 9, 1), 1000m), (new LocalDate(2026, 10, 20), 1500m), (new LocalDate(2026, 10, 31), 1600m));
        var october = Issued(October, Compute(October, history));

        var computed = Compute(November, history, october);

        Assert.Equal([(BillLineKind.Energy, MeterZone.Total, 300m, 4.32m, 1296.00m)], Lines(computed));
        Assert.Equal(new BillEstimate(EstimateMethod.AverageDaily, 10m), computed.Estimate);
        Assert.Equal(october.ReadingsThrough, computed.ReadingsThrough);
    }

    [Fact]
    public void WithoutTwoReadingsFarEnoughApart_TheEstimate_IsTheSameMonthLastYear()
    {
        var history = Readings((new LocalDate(2026, 11, 1), 5000m));
        var lastYear = Bill.Issue(Guid.NewGuid(), Account, BillingPeriod.Of(2025, 11),
            [new BillLine(BillLineKind.Energy, MeterZone.Total, Kwh.Of(240m), PricePerKwh.Uah(4.32m), Money.Uah(1036.80m))], null, null, Money.Zero, Money.Zero,
            new LocalDate(2025, 12, 20), Instant.FromUtc(2025, 12, 5, 0, 0));

        var computed = Compute(November, history, lastYear);

        Assert.Equal([(BillLineKind.Energy, MeterZone.Total, 240m, 4.32m, 1036.80m)], Lines(computed));
        Assert.Equal(new BillEstimate(EstimateMethod.SameMonthLastYear, 8m), computed.Estimate);
    }

    [Fact]
    public void WithNothingToEstimateFrom_TheBillIsZero_AndFlagged()
    {
        var computed = Compute(November, Readings((new LocalDate(2026, 11, 1), 5000m)));

        Assert.Empty(computed.Lines);
        Assert.Equal(new BillEstimate(EstimateMethod.None, 0m), computed.Estimate);
    }

    [Fact]
    public void AnAccountWithoutAMeter_IsNotBilled()
    {
        Assert.Null(BillingRules.Compute(November, [], [], Tariffs, ElectricHeatingApprovals.None, 28));
    }

    [Fact]
    public void AReadingAfterAnEstimate_SharesItsConsumptionByDays_AndCorrectsTheEstimatedMonth()
    {
        var upToOctober = Readings((new LocalDate(2026, 9, 1), 1000m), (new LocalDate(2026, 10, 31), 1600m));
        var october = Issued(October, Compute(October, upToOctober));
        var november = Issued(November, Compute(November, upToOctober, october));
        Assert.Equal(300m, november.Kwh.Value);

        var withDecember = Readings((new LocalDate(2026, 9, 1), 1000m), (new LocalDate(2026, 10, 31), 1600m), (new LocalDate(2026, 12, 31), 2100m));
        var computed = Compute(December, withDecember, october, november);

        // 500 kWh over November's 30 and December's 31 days: December 254,098 (to the watt-hour, largest remainder),
        // November really 245,902 of the 300 estimated, so a correction of −54,098 kWh at 4,32 = −233,70.
        Assert.Equal(
            [(BillLineKind.Energy, MeterZone.Total, 254.098m, 4.32m, 1097.70m), (BillLineKind.Correction, MeterZone.Total, -54.098m, 4.32m, -233.70m)],
            Lines(computed));
        Assert.Null(computed.Estimate);
        Assert.Equal(500m, november.Kwh.Value + computed.Lines.Sum(l => l.Kwh.Value));
    }

    [Fact]
    public void AReadingThatCameAfterItsPeriodWasBilled_IsBilledWithTheNextPeriod()
    {
        // The 2 December reading counts for November, but November was billed (estimated) on 1 December without it.
        var before = Readings((new LocalDate(2026, 9, 1), 1000m), (new LocalDate(2026, 10, 31), 1600m));
        var october = Issued(October, Compute(October, before));
        var november = Issued(November, Compute(November, before, october));

        var late = Readings((new LocalDate(2026, 9, 1), 1000m), (new LocalDate(2026, 10, 31), 1600m), (new LocalDate(2026, 12, 2), 1900m));
        var computed = Compute(December, late, october, november);

        Assert.Equal(300m, november.Kwh.Value + computed.Lines.Sum(l => l.Kwh.Value));
        Assert.Equal(new LocalDate(2026, 12, 2), computed.ReadingsThrough);
    }

    [Fact]
    public void TwoZoneReadings_AreBilledPerZone_AndTheirEstimatePerZone()
    {
        static ReadingRecord Reading(LocalDate on, decimal day, decimal night, decimal dayUsed, decimal nightUsed, ReadingSource source) =>
            new(Guid.NewGuid(), TwoZone, on, ReadingWindow.PeriodOf(on), ReadingWindow.IsEndOfPeriod(on), source, false,
                ZoneKwh.Of((MeterZone.Day, day), (MeterZone.Night, night)), ZoneKwh.Of((MeterZone.Day, dayUsed), (MeterZone.Night, nightUsed)),
                Instant.FromUtc(2026, 1, 1, 0, 0));
        List<ReadingRecord> history =
        [
            Reading(new LocalDate(2026, 9, 1), 100m, 50m, 0m, 0m, ReadingSource.Installation),
            Reading(new LocalDate(2026, 10, 31), 700m, 350m, 600m, 300m, ReadingSource.Dso),
        ];
        var october = Issued(October, Compute(October, history));

        var november = Compute(November, history, october);

        Assert.Equal([(BillLineKind.Energy, MeterZone.Day, 600m, 4.32m, 2592.00m), (BillLineKind.Energy, MeterZone.Night, 300m, 2.16m, 648.00m)], Lines(
            Compute(October, history)));
        Assert.Equal([(BillLineKind.Energy, MeterZone.Day, 300m, 4.32m, 1296.00m), (BillLineKind.Energy, MeterZone.Night, 150m, 2.16m, 324.00m)], Lines(november));
        Assert.Equal(15m, november.Estimate!.AverageDailyKwh);
    }

    [Fact]
    public void OverAnyRunOfMonths_WithOrWithoutReadings_TheBilledKwhAddUpToWhatTheMeterShows()
    {
        // Each month the customer reads the meter or not; whatever the pattern, once a reading comes the energy and
        // correction lines billed so far add up to the meter's advance since installation, to the watt-hour.
        Gen.Select(Gen.Int[0, 2_000_000].Array[6, 14], Gen.Bool.Array[14]).Sample((usedWh, read) =>
        {
            var start = new LocalDate(2025, 12, 31);
            var values = new List<(LocalDate, decimal)> { (start, 1000m) };
            var register = 1000m;
            var bills = new List<Bill>();
            var lastReadMonth = -1;
            for (var m = 0; m < usedWh.Length; m++)
            {
                var period = BillingPeriod.Of(2026 + (m / 12), (m % 12) + 1);
                register += usedWh[m] / 1000m;
                var last = m == usedWh.Length - 1;
                if (read[m] || last)
                {
                    values.Add((period.LastDay, register));
                    lastReadMonth = m;
                }

                var computed = Compute(period, Readings([.. values]), [.. bills]);
                bills.Add(Issued(period, computed));
            }

            var billed = bills.Sum(b => b.Lines.Sum(l => l.Kwh.Value));
            return lastReadMonth == usedWh.Length - 1 && billed == register - 1000m;
        });
    }

    [Fact]
    public void EveryLineAmount_IsItsKwhTimesItsPrice_RoundedOnce_AndTheBillIsTheirSum()
    {
        Gen.Select(Gen.Int[1, 5_000_000], Gen.Int[1, 5_000_000]).Sample((octoberWh, decemberWh) =>
        {
            var history = Readings((new LocalDate(2026, 9, 1), 0m), (new LocalDate(2026, 10, 31), octoberWh / 1000m));
            var october = Issued(October, Compute(October, history));
            var november = Issued(November, Compute(November, history, october));
            var december = Compute(December, Readings((new LocalDate(2026, 9, 1), 0m), (new LocalDate(2026, 10, 31), octoberWh / 1000m),
                (new LocalDate(2026, 12, 31), (octoberWh + decemberWh) / 1000m)), october, november);
            var bill = Issued(December, december);
            return december.Lines.All(l => l.Amount.Amount == decimal.Round(l.Kwh.Value * l.Price.UahPerKwh, 2, MidpointRounding.AwayFromZero))
                && bill.Amount.Amount == december.Lines.Sum(l => l.Amount.Amount);
        });
    }
}
