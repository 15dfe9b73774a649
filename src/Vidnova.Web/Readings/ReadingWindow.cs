using NodaTime;
using Vidnova.Calendar;
using Vidnova.Kernel;

namespace Vidnova.Readings;

/// <summary>
/// Which billing period a reading counts for. By the Commercial Metering Code, as suppliers' sites state it, a
/// reading taken on the last two days of a month or the first three of the next (Kyiv dates; for November:
/// 29 November to 3 December) is the reading at the end of that month. Later in the month it counts for that month's
/// period (the next one), as a reading within it.
/// </summary>
public static class ReadingWindow
{
    public const int DaysBeforeMonthEnd = 2;
    public const int DaysIntoNextMonth = 3;

    public static BillingPeriod PeriodOf(LocalDate takenOn) =>
        takenOn.Day <= DaysIntoNextMonth ? BillingPeriod.Containing(takenOn).Previous : BillingPeriod.Containing(takenOn);

    public static bool IsEndOfPeriod(LocalDate takenOn) =>
        takenOn.Day <= DaysIntoNextMonth || takenOn.Day > BillingPeriod.Containing(takenOn).Days - DaysBeforeMonthEnd;

    /// <summary>The period of a reading taken at <paramref name="at"/>: by its date in Kyiv (UTC+2 in winter, UTC+3 in summer).</summary>
    public static BillingPeriod PeriodAt(Instant at) => PeriodOf(KyivTime.DateOf(at));
}
