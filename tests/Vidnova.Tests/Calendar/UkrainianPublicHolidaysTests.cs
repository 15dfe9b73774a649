using NodaTime;
using Vidnova.Calendar;

namespace Vidnova.Tests.Calendar;

public sealed class UkrainianPublicHolidaysTests
{
    [Theory]
    [InlineData(2024, 5, 5)]
    [InlineData(2025, 4, 20)]
    [InlineData(2026, 4, 12)]
    [InlineData(2027, 5, 2)]
    public void OrthodoxEaster_ForKnownYears_IsTheGregorianSunday(int year, int month, int day)
    {
        var easter = UkrainianPublicHolidays.OrthodoxEaster(year);

        Assert.Equal(new LocalDate(year, month, day), easter);
        Assert.Equal(IsoDayOfWeek.Sunday, easter.DayOfWeek);
    }

    [Fact]
    public void For_2026_ListsElevenArticle73HolidaysInDateOrder()
    {
        var holidays = UkrainianPublicHolidays.For(2026);

        LocalDate[] expected =
        [
            new(2026, 1, 1), new(2026, 3, 8), new(2026, 4, 12), new(2026, 5, 1), new(2026, 5, 8), new(2026, 5, 31),
            new(2026, 6, 28), new(2026, 7, 15), new(2026, 8, 24), new(2026, 10, 1), new(2026, 12, 25),
        ];
        Assert.Equal(expected, holidays.Select(h => h.Date));
        Assert.Contains(holidays, h => h.Name == "Великдень" && h.Date == new LocalDate(2026, 4, 12));
        Assert.Contains(holidays, h => h.Name == "Трійця" && h.Date == new LocalDate(2026, 5, 31));
        Assert.Contains(holidays, h => h.Name == "Різдво Христове" && h.Date == new LocalDate(2026, 12, 25));
    }

    [Fact]
    public void For_AnyYear_NoLongerListsDaysRemovedIn2023()
    {
        var dates = UkrainianPublicHolidays.For(2025).Select(h => h.Date).ToHashSet();

        Assert.DoesNotContain(new LocalDate(2025, 1, 7), dates);
        Assert.DoesNotContain(new LocalDate(2025, 5, 9), dates);
        Assert.DoesNotContain(new LocalDate(2025, 7, 28), dates);
        Assert.DoesNotContain(new LocalDate(2025, 10, 14), dates);
    }

    [Fact]
    public void OrthodoxEaster_OutsideTheJulianOffsetRange_IsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => UkrainianPublicHolidays.OrthodoxEaster(2100));
    }
}
