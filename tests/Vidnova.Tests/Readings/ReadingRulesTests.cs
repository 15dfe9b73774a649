using CsCheck;
using NodaTime;
using Vidnova.Kernel;
using Vidnova.Problems;
using Vidnova.Readings;

namespace Vidnova.Tests.Readings;

/// <summary>The checks of a new reading against the previous one: below previous, rollover by digits, an implausible jump.</summary>
public sealed class ReadingRulesTests
{
    private static readonly ReadingPlausibilityOptions Defaults = new();
    private static readonly LocalDate Previously = new(2026, 10, 31);
    private static readonly LocalDate Now = new(2026, 11, 30);

    private static ReadingAssessment Assess(decimal previous, decimal next, int digits = 5, decimal? average = 10m, bool confirm = false,
        ReadingPlausibilityOptions? options = null) =>
        ReadingRules.Assess(new RegisterReading(Previously, Total(previous)), Now, Total(next), digits, average, confirm, options ?? Defaults);

    private static ZoneKwh Total(decimal value) => ZoneKwh.Of((MeterZone.Total, value));

    private static string Refusal(Action assess) => Assert.Throws<BusinessRuleException>(assess).Code;

    [Fact]
    public void AUsualReading_MakesItsDifference()
    {
        var assessment = Assess(12000m, 12300.5m);

        Assert.Equal((300.5m, false, false), (assessment.Kwh.Value, assessment.RolledOver, assessment.Unusual));
    }

    [Fact]
    public void TheSameValueAsBefore_MakesZero() => Assert.Equal(0m, Assess(12000m, 12000m).Kwh.Value);

    [Fact]
    public void BelowThePrevious_IsRefused_EvenConfirmed_WhenItCannotBeARollover()
    {
        Assert.Equal("reading_below_previous", Refusal(() => Assess(12345m, 12000m)));
        Assert.Equal("reading_below_previous", Refusal(() => Assess(12345m, 12000m, confirm: true)));
    }

    [Fact]
    public void ARolloverOfAFiveDigitMeter_NeedsConfirm_AndThenCountsRoundTheRegister()
    {
        Assert.Equal("reading_below_previous", Refusal(() => Assess(99950m, 30m)));

        var assessment = Assess(99950m, 30m, confirm: true);

        Assert.Equal((80m, true), (assessment.Kwh.Value, assessment.RolledOver));
    }

    [Fact]
    public void ARollover_DependsOnTheMetersDigits()
    {
        Assert.Equal(15m, Assess(9990m, 5m, digits: 4, confirm: true).Kwh.Value);
        // On a six-digit meter 99 950 → 30 would be 900 080 kWh round the register: a typing error, not a rollover.
        Assert.Equal("reading_below_previous", Refusal(() => Assess(99950m, 30m, digits: 6, confirm: true)));
    }

    [Fact]
    public void AJump_OverThreeTimesTheAverageAndOver500Kwh_NeedsConfirm()
    {
        // 30 days at 10 kWh a day: 300 expected; 950 is over 3 × 300 and over 500.
        Assert.Equal("implausible_jump", Refusal(() => Assess(10000m, 10950m)));

        var confirmed = Assess(10000m, 10950m, confirm: true);

        Assert.Equal((950m, true), (confirmed.Kwh.Value, confirmed.Unusual));
    }

    [Fact]
    public void AJump_UnderEitherThreshold_IsAccepted()
    {
        Assert.False(Assess(10000m, 10850m).Unusual); // 850 ≤ 3 × 300
        Assert.False(Assess(10000m, 10450m, average: 1m).Unusual); // 15× the average, but not over 500 kWh
    }

    [Fact]
    public void TheJumpThresholds_AreConfigurable()
    {
        var strict = new ReadingPlausibilityOptions { JumpFactor = 2m, JumpMinimumKwh = 100m };

        Assert.Equal("implausible_jump", Refusal(() => Assess(10000m, 10700m, options: strict)));
    }

    [Fact]
    public void WithoutHistory_TheTypicalDailyUseStandsForTheAverage() =>
        Assert.Equal("implausible_jump", Refusal(() => Assess(0m, 1000m, average: null)));

    [Fact]
    public void TheAverageDailyUse_IsTheMetersReadingsOverTheirDays_RolloversIncluded()
    {
        var history = new[]
        {
            new RegisterReading(new LocalDate(2026, 9, 1), Total(99800m)),
            new RegisterReading(new LocalDate(2026, 9, 11), Total(99900m)),
            new RegisterReading(new LocalDate(2026, 10, 1), Total(100m)),
        };

        Assert.Equal(10m, ReadingRules.AverageDailyKwh(history, 5));
        Assert.Null(ReadingRules.AverageDailyKwh(history[..1], 5));
    }

    [Fact]
    public void EveryZone_IsChecked()
    {
        var previous = new RegisterReading(Previously, ZoneKwh.Of((MeterZone.Day, 5000m), (MeterZone.Night, 2000m)));

        var refused = Assert.Throws<BusinessRuleException>(() => ReadingRules.Assess(previous, Now,
            ZoneKwh.Of((MeterZone.Day, 5100m), (MeterZone.Night, 1990m)), 5, 10m, confirm: false, Defaults));

        Assert.Equal("reading_below_previous", refused.Code);
        Assert.Contains("night", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheConsumption_AddedToThePrevious_IsTheNewValueModuloTheRegister() =>
        Gen.Select(Gen.Int[4, 9], Gen.Long[0, 999_999_999], Gen.Long[0, 999_999_999]).Sample((digits, a, b) =>
        {
            var limit = (long)Math.Pow(10, digits) * 1000;
            var previous = Kwh.FromWh(a * 1000 % limit);
            var next = Kwh.FromWh(b * 1000 % limit);

            var used = ReadingRules.Consumption(ZoneKwh.Of([KeyValuePair.Create(MeterZone.Total, previous)]), ZoneKwh.Of([KeyValuePair.Create(MeterZone.Total, next)]), digits);

            Assert.InRange(used.Total.Wh, 0, limit - 1);
            Assert.Equal(next.Wh, (previous.Wh + used.Total.Wh) % limit);
        });
}
