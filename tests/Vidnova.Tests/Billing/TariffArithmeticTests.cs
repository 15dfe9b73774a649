using CsCheck;
using NodaTime;
using Vidnova.Billing;
using Vidnova.Kernel;

namespace Vidnova.Tests.Billing;

/// <summary>The household tariff arithmetic: zones, the electric-heating tier, a change inside a month and rounding.</summary>
public sealed class TariffArithmeticTests
{
    private static readonly Instant SetAt = Instant.FromUtc(2026, 1, 1, 0, 0);
    private static readonly TariffSchedule Current = new([TariffSeed.Resolution632(SetAt)]);
    private static readonly ElectricHeatingApprovals Heated = new([(new LocalDate(2020, 1, 1), true)]);
    private static readonly BillingPeriod November = BillingPeriod.Of(2026, 11);
    private static readonly BillingPeriod July = BillingPeriod.Of(2026, 7);

    private static PricedConsumption Price(BillingPeriod period, ZoneScheme scheme, ZoneKwh consumption, TariffSchedule? tariffs = null,
        ElectricHeatingApprovals? heating = null) =>
        TariffArithmetic.Price(period, scheme, consumption, tariffs ?? Current, heating ?? ElectricHeatingApprovals.None);

    private static (MeterZone, decimal, decimal, decimal, bool)[] Lines(PricedConsumption priced) =>
        [.. priced.Lines.Select(l => (l.Zone, l.Kwh.Value, l.Price.UahPerKwh, l.Amount.Amount, l.ElectricHeating))];

    [Fact]
    public void OneZone_IsTheBasePriceTimesTheKwh()
    {
        var priced = Price(November, ZoneScheme.OneZone, ZoneKwh.Of((MeterZone.Total, 250m)));

        Assert.Equal([(MeterZone.Total, 250m, 4.32m, 1080.00m, false)], Lines(priced));
        Assert.Equal(1080.00m, priced.Amount.Amount);
    }

    [Fact]
    public void TwoZone_NightIsHalfTheDayPrice()
    {
        var priced = Price(November, ZoneScheme.TwoZone, ZoneKwh.Of((MeterZone.Day, 200m), (MeterZone.Night, 100m)));

        Assert.Equal([(MeterZone.Day, 200m, 4.32m, 864.00m, false), (MeterZone.Night, 100m, 2.16m, 216.00m, false)], Lines(priced));
        Assert.Equal(1080.00m, priced.Amount.Amount);
    }

    [Fact]
    public void ThreeZone_PeakHalfPeakAndNightHaveTheirFactors_WithAThreeDecimalNightPrice()
    {
        var priced = Price(November, ZoneScheme.ThreeZone, ZoneKwh.Of((MeterZone.Peak, 50m), (MeterZone.HalfPeak, 120m), (MeterZone.Night, 77m)));

        // 77 × 1,728 = 133,056 → 133,06; 50 × 6,48 = 324; 120 × 4,32 = 518,40.
        Assert.Equal(
            [(MeterZone.Peak, 50m, 6.48m, 324.00m, false), (MeterZone.HalfPeak, 120m, 4.32m, 518.40m, false), (MeterZone.Night, 77m, 1.728m, 133.06m, false)],
            Lines(priced));
        Assert.Equal(975.46m, priced.Amount.Amount);
    }

    [Fact]
    public void Rounding_IsOncePerLine_HalfAwayFromZero()
    {
        // 0,625 kWh × 1,728 = 1,08 exactly; 1,875 × 1,728 = 3,24; 0,3125 would need four decimals, so take 0,313 × 1,728 = 0,540864 → 0,54;
        // and 2,5 × 2,17 = 5,425 → 5,43 (half away from zero, not to even).
        var tariff = new TariffSchedule([HouseholdTariff.Create(new LocalDate(2020, 1, 1), PricePerKwh.Uah(2.17m),
            new TariffZoneFactors(0.5m, 1m, 0.4m, 1m, 1.5m), null, SetAt, "test")]);

        Assert.Equal(5.43m, Price(November, ZoneScheme.OneZone, ZoneKwh.Of((MeterZone.Total, 2.5m)), tariff).Amount.Amount);
        Assert.Equal(0.54m, Price(November, ZoneScheme.ThreeZone, ZoneKwh.Of((MeterZone.Peak, 0m), (MeterZone.HalfPeak, 0m), (MeterZone.Night, 0.313m))).Amount.Amount);
    }

    [Fact]
    public void Rounding_OfEachLine_NotOfEachDayOrShare()
    {
        // Two tariffs with the same price in one month are one line, rounded once: 3 × 0,001 kWh × 4,32 would be 3 × 0,00 if rounded per share.
        var twice = new TariffSchedule([TariffSeed.Resolution632(SetAt), Tariff(new LocalDate(2026, 11, 16), 4.32m)]);

        var priced = Price(November, ZoneScheme.OneZone, ZoneKwh.Of((MeterZone.Total, 0.003m)), twice);

        Assert.Equal([(MeterZone.Total, 0.003m, 4.32m, 0.01m, false)], Lines(priced));
    }

    [Fact]
    public void HeatingTier_InTheSeason_First2000KwhAt264_TheRestAt432()
    {
        var priced = Price(November, ZoneScheme.OneZone, ZoneKwh.Of((MeterZone.Total, 2500m)), heating: Heated);

        Assert.Equal([(MeterZone.Total, 2000m, 2.64m, 5280.00m, true), (MeterZone.Total, 500m, 4.32m, 2160.00m, false)], Lines(priced));
        Assert.Equal(7440.00m, priced.Amount.Amount);
    }

    [Fact]
    public void HeatingTier_UnderTheAllowance_IsAllAtTheHeatingPrice()
    {
        var priced = Price(BillingPeriod.Of(2027, 4), ZoneScheme.OneZone, ZoneKwh.Of((MeterZone.Total, 1500m)), heating: Heated);

        Assert.Equal([(MeterZone.Total, 1500m, 2.64m, 3960.00m, true)], Lines(priced));
    }

    [Fact]
    public void HeatingTier_OutsideTheSeason_IsTheNormalPrice()
    {
        var priced = Price(July, ZoneScheme.OneZone, ZoneKwh.Of((MeterZone.Total, 2500m)), heating: Heated);

        Assert.Equal([(MeterZone.Total, 2500m, 4.32m, 10800.00m, false)], Lines(priced));
    }

    [Fact]
    public void HeatingTier_WithoutTheAccountsApproval_IsTheNormalPrice()
    {
        var priced = Price(November, ZoneScheme.OneZone, ZoneKwh.Of((MeterZone.Total, 1000m)));

        Assert.Equal([(MeterZone.Total, 1000m, 4.32m, 4320.00m, false)], Lines(priced));
    }

    [Fact]
    public void HeatingTier_ApprovedMidMonth_GivesTheAllowanceForTheApprovedDaysOnly()
    {
        // Approved from 16 November: 15 of 30 days, so half the allowance (1 000 kWh) and half the 3 000 kWh (1 500) on those days.
        var approvals = new ElectricHeatingApprovals([(new LocalDate(2026, 11, 16), true)]);

        var priced = Price(November, ZoneScheme.OneZone, ZoneKwh.Of((MeterZone.Total, 3000m)), heating: approvals);

        Assert.Equal([(MeterZone.Total, 1000m, 2.64m, 2640.00m, true), (MeterZone.Total, 2000m, 4.32m, 8640.00m, false)], Lines(priced));
    }

    [Fact]
    public void HeatingTier_WithZones_SharesTheAllowanceByTheZonesKwh_AndAppliesTheirFactors()
    {
        // 3 000 kWh: 2 000 at the heating price split 2:1 like the zones (1 333,333 day, 666,667 night), the rest at the normal zone prices.
        var priced = Price(November, ZoneScheme.TwoZone, ZoneKwh.Of((MeterZone.Day, 2000m), (MeterZone.Night, 1000m)), heating: Heated);

        Assert.Equal(
            [
                (MeterZone.Day, 1333.333m, 2.64m, 3520.00m, true), (MeterZone.Day, 666.667m, 4.32m, 2880.00m, false),
                (MeterZone.Night, 666.667m, 1.32m, 880.00m, true), (MeterZone.Night, 333.333m, 2.16m, 720.00m, false),
            ],
            Lines(priced));
    }

    [Fact]
    public void TariffChangeInsideAMonth_IsProratedByDays()
    {
        // From 21 November 5,00: 20 days at 4,32 and 10 at 5,00 of 30 — 300 kWh is 200 and 100.
        var schedule = new TariffSchedule([TariffSeed.Resolution632(SetAt), Tariff(new LocalDate(2026, 11, 21), 5.00m)]);

        var priced = Price(November, ZoneScheme.OneZone, ZoneKwh.Of((MeterZone.Total, 300m)), schedule);

        Assert.Equal([(MeterZone.Total, 200m, 4.32m, 864.00m, false), (MeterZone.Total, 100m, 5.00m, 500.00m, false)], Lines(priced));
    }

    [Fact]
    public void TariffChangeInsideAMonth_SharesIndivisibleWattHoursByLargestRemainder()
    {
        // 31 days, the change on the 11th: 10/31 and 21/31 of 1 kWh are 322,58… and 677,41… Wh → 323 and 677.
        var schedule = new TariffSchedule([TariffSeed.Resolution632(SetAt), Tariff(new LocalDate(2026, 12, 11), 5.00m)]);

        var priced = Price(BillingPeriod.Of(2026, 12), ZoneScheme.OneZone, ZoneKwh.Of((MeterZone.Total, 1m)), schedule);

        Assert.Equal([0.323m, 0.677m], priced.Lines.Select(l => l.Kwh.Value));
    }

    [Fact]
    public void NoTariffOnADayOfThePeriod_IsRefusedWithNoTariff()
    {
        var refused = Assert.Throws<Vidnova.Problems.BusinessRuleException>(() =>
            Price(BillingPeriod.Of(2024, 5), ZoneScheme.OneZone, ZoneKwh.Of((MeterZone.Total, 1m))));

        Assert.Equal("no_tariff", refused.Code);
    }

    [Fact]
    public void Apportion_AddsUpAndNoShareIsAUnitFromItsExactShare() =>
        Gen.Select(Gen.Long[0, 10_000_000_000], Gen.Long[0, 1_000_000].Array[1, 6]).Sample((total, weights) =>
        {
            var shares = TariffArithmetic.Apportion(total, weights);
            var sum = weights.Sum();
            Assert.Equal(sum == 0 ? 0 : total, shares.Sum());
            for (var i = 0; i < weights.Length && sum > 0; i++)
            {
                var exact = (decimal)total * weights[i] / sum;
                Assert.True(Math.Abs(shares[i] - exact) < 1m, $"share {shares[i]} of exact {exact}");
            }
        });

    private static readonly Gen<ZoneScheme> Schemes = Gen.Int[1, 3].Select(ZoneScheme.Of);

    private static readonly Gen<decimal> Energy = Gen.Long[0, 20_000_000].Select(wh => wh / 1000m);

    private static readonly Gen<(ZoneScheme Scheme, ZoneKwh Consumption)> Consumptions = Schemes.SelectMany(scheme =>
        Energy.Array[scheme.Count].Select(values => (scheme, ZoneKwh.Of(scheme.Zones.Zip(values, (z, v) => KeyValuePair.Create(z, Kwh.Of(v)))))));

    private static readonly Gen<BillingPeriod> Periods = Gen.Select(Gen.Int[2025, 2028], Gen.Int[1, 12]).Select((y, m) => BillingPeriod.Of(y, m));

    private static readonly Gen<TariffSchedule> Schedules = Gen.Select(Gen.Int[1, 28], Gen.Int[100, 900], Gen.Bool).Select((day, price, change) =>
        change
            ? new TariffSchedule([TariffSeed.Resolution632(SetAt), Tariff(new LocalDate(2025, 1, day), price / 100m)])
            : Current);

    [Fact]
    public void EveryPricing_KeepsEachZonesKwhExactly_AndTheAmountIsTheSumOfLinesRoundedOnce() =>
        Gen.Select(Consumptions, Periods, Schedules, Gen.Bool).Sample((c, period, schedule, heated) =>
        {
            var priced = Price(period, c.Scheme, c.Consumption, schedule, heated ? Heated : ElectricHeatingApprovals.None);

            foreach (var zone in c.Scheme.Zones)
            {
                Assert.Equal(c.Consumption[zone], Kwh.FromWh(priced.Lines.Where(l => l.Zone == zone).Sum(l => l.Kwh.Wh)));
            }

            Assert.All(priced.Lines, l => Assert.Equal(decimal.Round(l.Kwh.Value * l.Price.UahPerKwh, 2, MidpointRounding.AwayFromZero), l.Amount.Amount));
            Assert.Equal(priced.Lines.Sum(l => l.Amount.Amount), priced.Amount.Amount);
            Assert.Equal(priced.Lines.Count, priced.Lines.Select(l => (l.Zone, l.Price, l.ElectricHeating)).Distinct().Count());
        });

    [Fact]
    public void TheHeatingTier_NeverCoversMoreThanTheMonthlyAllowance_AndOnlyInTheSeason() =>
        Gen.Select(Consumptions, Periods).Sample((c, period) =>
        {
            var priced = Price(period, c.Scheme, c.Consumption, heating: Heated);
            var heated = priced.Lines.Where(l => l.ElectricHeating).Sum(l => l.Kwh.Value);

            Assert.True(heated <= 2000m, $"{heated} kWh at the heating price");
            Assert.Equal(period.Month.Month is >= 5 and <= 9 ? 0m : Math.Min(2000m, c.Consumption.Total.Value), heated);
        });

    [Fact]
    public void AChangeToTheSamePrice_PricesLikeNoChange() =>
        Gen.Select(Consumptions, Periods, Gen.Int[2, 28]).Sample((c, period, day) =>
        {
            var same = new TariffSchedule([TariffSeed.Resolution632(SetAt), Tariff(new LocalDate(period.Month.Year, period.Month.Month, day), 4.32m)]);

            Assert.Equal(Lines(Price(period, c.Scheme, c.Consumption)), Lines(Price(period, c.Scheme, c.Consumption, same)));
        });

    [Fact]
    public void OneZone_MoreKwhNeverCostsLess() =>
        Gen.Select(Energy, Energy, Periods, Gen.Bool).Sample((a, b, period, heated) =>
        {
            var approvals = heated ? Heated : ElectricHeatingApprovals.None;
            var less = Price(period, ZoneScheme.OneZone, ZoneKwh.Of((MeterZone.Total, Math.Min(a, b))), heating: approvals).Amount;
            var more = Price(period, ZoneScheme.OneZone, ZoneKwh.Of((MeterZone.Total, Math.Max(a, b))), heating: approvals).Amount;
            Assert.True(less <= more, $"{Math.Min(a, b)} kWh cost {less}, {Math.Max(a, b)} kWh {more}");
        });

    [Fact]
    public void ZonePrices_WithMoreThanFiveDecimals_AreNotATariff()
    {
        Assert.NotNull(HouseholdTariff.FirstUnpriceableZone(PricePerKwh.Uah(4.32123m), new TariffZoneFactors(0.5m, 1m, 0.4m, 1m, 1.5m), null));
        Assert.Null(HouseholdTariff.FirstUnpriceableZone(PricePerKwh.Uah(4.32m), new TariffZoneFactors(0.5m, 1m, 0.4m, 1m, 1.5m), null));
    }

    [Theory]
    [InlineData("2026-10-01", true)]
    [InlineData("2026-09-30", false)]
    [InlineData("2027-04-30", true)]
    [InlineData("2027-05-01", false)]
    [InlineData("2027-01-15", true)]
    public void TheHeatingSeason_RunsFromTheFirstOfOctoberToTheThirtiethOfApril(string date, bool inSeason) =>
        Assert.Equal(inSeason, TariffSeed.Resolution632(SetAt).ElectricHeating!.InSeason(NodaTime.Text.LocalDatePattern.Iso.Parse(date).Value));

    private static HouseholdTariff Tariff(LocalDate from, decimal price) =>
        HouseholdTariff.Create(from, PricePerKwh.Uah(price), new TariffZoneFactors(0.5m, 1m, 0.4m, 1m, 1.5m),
            new ElectricHeatingTier(PricePerKwh.Uah(2.64m), Kwh.Of(2000m), new AnnualDate(10, 1), new AnnualDate(4, 30)), SetAt, "test");
}
