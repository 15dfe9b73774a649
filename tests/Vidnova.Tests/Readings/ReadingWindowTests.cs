using NodaTime;
using NodaTime.Text;
using Vidnova.Calendar;
using Vidnova.Kernel;
using Vidnova.Readings;

namespace Vidnova.Tests.Readings;

/// <summary>The reading window: the last two days of a month and the first three of the next count as the month's end, in Kyiv time.</summary>
public sealed class ReadingWindowTests
{
    [Theory]
    [InlineData("2026-11-28", "2026-11", false)]
    [InlineData("2026-11-29", "2026-11", true)]
    [InlineData("2026-11-30", "2026-11", true)]
    [InlineData("2026-12-01", "2026-11", true)]
    [InlineData("2026-12-03", "2026-11", true)]
    [InlineData("2026-12-04", "2026-12", false)]
    [InlineData("2026-12-15", "2026-12", false)]
    [InlineData("2026-12-30", "2026-12", true)]
    [InlineData("2027-01-02", "2026-12", true)]
    [InlineData("2027-02-26", "2027-02", false)]
    [InlineData("2027-02-27", "2027-02", true)]
    [InlineData("2028-02-27", "2028-02", false)]
    [InlineData("2028-02-28", "2028-02", true)]
    [InlineData("2028-02-29", "2028-02", true)]
    public void AReadingDate_CountsForItsPeriod_AndAtTheEndOnlyInsideTheWindow(string takenOn, string period, bool endOfPeriod)
    {
        var date = LocalDatePattern.Iso.Parse(takenOn).Value;

        Assert.Equal((period, endOfPeriod), (ReadingWindow.PeriodOf(date).ToString(), ReadingWindow.IsEndOfPeriod(date)));
    }

    [Theory]
    // Winter (UTC+2): the last minute of 3 December in Kyiv is still November's window; a minute later it is December.
    [InlineData("2026-12-03T21:59:59Z", "2026-11", true)]
    [InlineData("2026-12-03T22:00:00Z", "2026-12", false)]
    // Summer (UTC+3): the window of June closes at 21:00 UTC on 3 July.
    [InlineData("2026-07-03T20:59:59Z", "2026-06", true)]
    [InlineData("2026-07-03T21:00:00Z", "2026-07", false)]
    // The night clocks go forward (29 March 2026, 03:00 → 04:00): 21:00 UTC is already midnight of 30 March in Kyiv (UTC+3), inside March's window.
    [InlineData("2026-03-29T20:59:59Z", "2026-03", false)]
    [InlineData("2026-03-29T21:00:00Z", "2026-03", true)]
    // After the clocks go back (25 October 2026): Kyiv is UTC+2 again, so 30 October starts at 22:00 UTC on the 29th.
    [InlineData("2026-10-29T21:59:59Z", "2026-10", false)]
    [InlineData("2026-10-29T22:00:00Z", "2026-10", true)]
    // On 31 March the summer offset holds: the first of April begins at 21:00 UTC and is still March's window.
    [InlineData("2026-04-03T20:59:59Z", "2026-03", true)]
    [InlineData("2026-04-03T21:00:00Z", "2026-04", false)]
    public void AReadingTakenAtAnInstant_IsDatedInKyivTime_AcrossDaylightSaving(string at, string period, bool endOfPeriod)
    {
        var instant = InstantPattern.General.Parse(at).Value;

        Assert.Equal((period, endOfPeriod), (ReadingWindow.PeriodAt(instant).ToString(), ReadingWindow.IsEndOfPeriod(KyivTime.DateOf(instant))));
    }

    [Fact]
    public void EveryDayOfAYear_CountsForItsOwnMonthOrThePreviousOne_AndTheWindowIsFiveDaysAMonth()
    {
        var days = Enumerable.Range(0, 365).Select(n => new LocalDate(2027, 1, 1).PlusDays(n)).ToList();

        Assert.All(days, d => Assert.Contains(ReadingWindow.PeriodOf(d), new[] { BillingPeriod.Containing(d), BillingPeriod.Containing(d).Previous }));
        Assert.All(days.Where(d => d.Day > 3).GroupBy(d => d.Month), month => Assert.Equal(2, month.Count(ReadingWindow.IsEndOfPeriod)));
        Assert.All(days.GroupBy(d => ReadingWindow.PeriodOf(d)).Where(g => g.Key.Month.Year == 2027 && g.Key.Month.Month < 12),
            period => Assert.Equal(5, period.Count(ReadingWindow.IsEndOfPeriod)));
    }
}
