using NodaTime;
using Vidnova.Calendar;

namespace Vidnova.Tests.Calendar;

public sealed class WorkingDayCalendarTests
{
    private static readonly MartialLawPeriod MartialLawSince2022 = new(new LocalDate(2022, 2, 24), null);

    private static WorkingDayCalendar Calendar(
        IEnumerable<PublicHoliday>? holidays = null,
        IEnumerable<DayTransfer>? transfers = null,
        params MartialLawPeriod[] martialLaw) =>
        new(holidays ?? [], transfers ?? [], martialLaw);

    private static IEnumerable<PublicHoliday> HolidaysOf(params int[] years) =>
        years.SelectMany(UkrainianPublicHolidays.For);

    [Fact]
    public void IsWorkingDay_OnSaturdayAndSunday_IsFalse()
    {
        var calendar = Calendar();

        Assert.False(calendar.IsWorkingDay(new LocalDate(2026, 3, 14)));
        Assert.False(calendar.IsWorkingDay(new LocalDate(2026, 3, 15)));
        Assert.True(calendar.IsWorkingDay(new LocalDate(2026, 3, 16)));
    }

    [Fact]
    public void IsWorkingDay_OnWeekdayHolidayWithoutMartialLaw_IsFalse()
    {
        // 24.08.2026 is a Monday.
        var calendar = Calendar(HolidaysOf(2026));

        Assert.False(calendar.IsWorkingDay(new LocalDate(2026, 8, 24)));
    }

    [Fact]
    public void IsWorkingDay_OnWeekdayHolidayUnderMartialLaw_IsTrue()
    {
        var calendar = Calendar(HolidaysOf(2026), null, MartialLawSince2022);

        Assert.True(calendar.IsWorkingDay(new LocalDate(2026, 8, 24)));
    }

    [Fact]
    public void IsWorkingDay_AfterHolidayOnSaturdayWithoutMartialLaw_MondayIsDayOff()
    {
        // 08.03.2025 is a Saturday (art. 67: the day off moves to Monday 10.03).
        var calendar = Calendar(HolidaysOf(2025));

        Assert.False(calendar.IsWorkingDay(new LocalDate(2025, 3, 10)));
        Assert.True(calendar.IsWorkingDay(new LocalDate(2025, 3, 11)));
    }

    [Fact]
    public void IsWorkingDay_AfterHolidayOnSundayWithoutMartialLaw_MondayIsDayOff()
    {
        // Easter 12.04.2026 is a Sunday.
        var calendar = Calendar(HolidaysOf(2026));

        Assert.False(calendar.IsWorkingDay(new LocalDate(2026, 4, 13)));
        Assert.True(calendar.IsWorkingDay(new LocalDate(2026, 4, 14)));
    }

    [Fact]
    public void IsWorkingDay_AfterHolidaysOnSaturdayAndSunday_MondayAndTuesdayAreDaysOff()
    {
        // 2021: 1 May on Saturday and Easter on Sunday 2 May gave 3 and 4 May off.
        var calendar = Calendar(
        [
            new PublicHoliday(new LocalDate(2021, 5, 1), "День праці"),
            new PublicHoliday(new LocalDate(2021, 5, 2), "Великдень"),
        ]);

        Assert.False(calendar.IsWorkingDay(new LocalDate(2021, 5, 3)));
        Assert.False(calendar.IsWorkingDay(new LocalDate(2021, 5, 4)));
        Assert.True(calendar.IsWorkingDay(new LocalDate(2021, 5, 5)));
    }

    [Fact]
    public void IsWorkingDay_WhenNextWeekdayIsItselfAHoliday_MovesTheDayOffPastIt()
    {
        // Constructed: a holiday on Sunday 07.06.2026 and another on Monday 08.06.2026 → Tuesday off.
        var calendar = Calendar(
        [
            new PublicHoliday(new LocalDate(2026, 6, 7), "A"),
            new PublicHoliday(new LocalDate(2026, 6, 8), "B"),
        ]);

        Assert.False(calendar.IsWorkingDay(new LocalDate(2026, 6, 8)));
        Assert.False(calendar.IsWorkingDay(new LocalDate(2026, 6, 9)));
        Assert.True(calendar.IsWorkingDay(new LocalDate(2026, 6, 10)));
    }

    [Fact]
    public void IsWorkingDay_AfterWeekendHolidayUnderMartialLaw_MondayIsWorking()
    {
        var calendar = Calendar(HolidaysOf(2026), null, MartialLawSince2022);

        Assert.True(calendar.IsWorkingDay(new LocalDate(2026, 4, 13)));
    }

    [Fact]
    public void IsWorkingDay_WithTransfers_TransferOverridesEverything()
    {
        var calendar = Calendar(
            HolidaysOf(2026),
            [
                new DayTransfer(new LocalDate(2026, 3, 14), true, "робоча субота"),
                new DayTransfer(new LocalDate(2026, 3, 16), false, "перенесено"),
                new DayTransfer(new LocalDate(2026, 4, 13), true, "відпрацювання"),
            ]);

        Assert.True(calendar.IsWorkingDay(new LocalDate(2026, 3, 14)));
        Assert.False(calendar.IsWorkingDay(new LocalDate(2026, 3, 16)));
        Assert.True(calendar.IsWorkingDay(new LocalDate(2026, 4, 13)));
    }

    [Fact]
    public void IsWorkingDay_WithDayOffTransferUnderMartialLaw_IsFalse()
    {
        var calendar = Calendar(null, [new DayTransfer(new LocalDate(2026, 3, 16), false, "")], MartialLawSince2022);

        Assert.False(calendar.IsWorkingDay(new LocalDate(2026, 3, 16)));
    }

    [Fact]
    public void NthWorkingDayAfter_WhenSpanningWeekend_SkipsSaturdayAndSunday()
    {
        // Thursday 12.03.2026 + 3 working days → Fri 13, Mon 16, Tue 17.
        var calendar = Calendar(HolidaysOf(2026), null, MartialLawSince2022);

        Assert.Equal(new LocalDate(2026, 3, 17), calendar.NthWorkingDayAfter(new LocalDate(2026, 3, 12), 3));
    }

    [Fact]
    public void NthWorkingDayAfter_AcrossYearEndUnderMartialLaw_CountsFirstOfJanuary()
    {
        // Wed 30.12.2026 → Thu 31, Fri 1 Jan (working under martial law), Mon 4 Jan.
        var calendar = Calendar(HolidaysOf(2026, 2027), null, MartialLawSince2022);

        Assert.Equal(new LocalDate(2027, 1, 4), calendar.NthWorkingDayAfter(new LocalDate(2026, 12, 30), 3));
    }

    [Fact]
    public void NthWorkingDayAfter_AcrossYearEndWithoutMartialLaw_SkipsNewYearHoliday()
    {
        // Wed 30.12.2026 → Thu 31, (Fri 1 Jan holiday), Mon 4, Tue 5 Jan.
        var calendar = Calendar(HolidaysOf(2026, 2027));

        Assert.Equal(new LocalDate(2027, 1, 5), calendar.NthWorkingDayAfter(new LocalDate(2026, 12, 30), 3));
    }

    [Fact]
    public void NthWorkingDayAfter_FiveWorkingDays_SkipsTheWeekendInBetween()
    {
        // Rural term of 5 working days: Monday 09.03.2026 → Mon 16.03 (8 Mar holiday was the Sunday before).
        var calendar = Calendar(HolidaysOf(2026), null, MartialLawSince2022);

        Assert.Equal(new LocalDate(2026, 3, 16), calendar.NthWorkingDayAfter(new LocalDate(2026, 3, 9), 5));
    }

    [Fact]
    public void NthWorkingDayAfter_FiveWorkingDaysWithoutMartialLaw_SkipsHolidayAndMovedDayOff()
    {
        // Fri 06.03.2026; 8 Mar is a Sunday so Mon 9 Mar is off: Tue 10 … Fri 13, Mon 16.
        var calendar = Calendar(HolidaysOf(2026));

        Assert.Equal(new LocalDate(2026, 3, 16), calendar.NthWorkingDayAfter(new LocalDate(2026, 3, 6), 5));
    }

    [Fact]
    public void IsWorkingDay_AfterMartialLawEnds_HolidayIsDayOffAgain()
    {
        var endedInJune = new MartialLawPeriod(new LocalDate(2022, 2, 24), new LocalDate(2026, 6, 30));
        var calendar = Calendar(HolidaysOf(2026), null, endedInJune);

        Assert.True(calendar.IsWorkingDay(new LocalDate(2026, 6, 30))); // last day of martial law, a Tuesday
        Assert.False(calendar.IsWorkingDay(new LocalDate(2026, 7, 15))); // Statehood Day, Wednesday
        Assert.False(calendar.IsWorkingDay(new LocalDate(2026, 8, 24))); // Independence Day, Monday
    }

    [Fact]
    public void NthWorkingDayAfter_WhenMartialLawEndsMidRange_SkipsHolidayAfterTheEnd()
    {
        // Martial law to Mon 13.07.2026; from Fri 10.07: Mon 13, Tue 14, (Wed 15 Statehood Day), Thu 16.
        var calendar = Calendar(
            HolidaysOf(2026), null, new MartialLawPeriod(new LocalDate(2022, 2, 24), new LocalDate(2026, 7, 13)));

        Assert.Equal(new LocalDate(2026, 7, 16), calendar.NthWorkingDayAfter(new LocalDate(2026, 7, 10), 3));
    }

    [Fact]
    public void IsWorkingDay_WhenWeekendHolidayFallsUnderMartialLawThatEndsBeforeMonday_MondayIsWorking()
    {
        // Easter 12.04.2026 under martial law ending that Sunday: no art. 67 move to Monday.
        var calendar = Calendar(
            HolidaysOf(2026), null, new MartialLawPeriod(new LocalDate(2022, 2, 24), new LocalDate(2026, 4, 12)));

        Assert.True(calendar.IsWorkingDay(new LocalDate(2026, 4, 13)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void NthWorkingDayAfter_WithNonPositiveCount_Throws(int n)
    {
        var calendar = Calendar();

        Assert.Throws<ArgumentOutOfRangeException>(() => calendar.NthWorkingDayAfter(new LocalDate(2026, 1, 1), n));
    }
}
