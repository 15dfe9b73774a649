using NodaTime;

namespace Vidnova.Calendar;

/// <summary>
/// Public holidays of Labour Code art. 73 as in force since 2024 (Law No. 3221-IX of 14.07.2023: Christmas on 25 December;
/// 7 January, 9 May, 28 July and 14 October no longer listed).
/// </summary>
internal static class UkrainianPublicHolidays
{
    public const int FirstSupportedYear = 1900;
    public const int LastSupportedYear = 2099;

    public static IReadOnlyList<PublicHoliday> For(int year)
    {
        var easter = OrthodoxEaster(year);
        PublicHoliday[] holidays =
        [
            new(new LocalDate(year, 1, 1), "Новий рік"),
            new(new LocalDate(year, 3, 8), "Міжнародний жіночий день"),
            new(easter, "Великдень"),
            new(new LocalDate(year, 5, 1), "День праці"),
            new(new LocalDate(year, 5, 8), "День пам'яті та перемоги над нацизмом у Другій світовій війні 1939–1945 років"),
            new(easter.PlusDays(49), "Трійця"),
            new(new LocalDate(year, 6, 28), "День Конституції України"),
            new(new LocalDate(year, 7, 15), "День Української Державності"),
            new(new LocalDate(year, 8, 24), "День Незалежності України"),
            new(new LocalDate(year, 10, 1), "День захисників і захисниць України"),
            new(new LocalDate(year, 12, 25), "Різдво Христове"),
        ];
        return [.. holidays.OrderBy(h => h.Date)];
    }

    /// <summary>
    /// Orthodox Easter Sunday as a Gregorian date: the Julian computus (Meeus), then +13 days, the Julian–Gregorian
    /// difference from 1 March 1900 to 28 February 2100.
    /// </summary>
    public static LocalDate OrthodoxEaster(int year)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, FirstSupportedYear);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, LastSupportedYear);

        var a = year % 4;
        var b = year % 7;
        var c = year % 19;
        var d = ((19 * c) + 15) % 30;
        var e = ((2 * a) + (4 * b) - d + 34) % 7;
        var month = (d + e + 114) / 31;
        var day = ((d + e + 114) % 31) + 1;
        return new LocalDate(year, month, day).PlusDays(13);
    }
}
