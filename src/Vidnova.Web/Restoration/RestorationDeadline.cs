using NodaTime;
using Vidnova.Accounts;
using Vidnova.Calendar;

namespace Vidnova.Restoration;

public static class RestorationDeadline
{
    /// <summary>
    /// Distribution System Code (КСР) item 11.5.23: the DSO restores supply within 3 working days in cities and
    /// 5 in rural areas, counted from the day after it received the request (its date in Kyiv time).
    /// </summary>
    public static LocalDate For(Instant receivedAt, Settlement settlement, WorkingDayCalendar calendar) =>
        calendar.NthWorkingDayAfter(KyivTime.DateOf(receivedAt), WorkingDaysAllowed(settlement));

    public static int WorkingDaysAllowed(Settlement settlement) => settlement switch
    {
        Settlement.City => 3,
        Settlement.Rural => 5,
        _ => throw new ArgumentOutOfRangeException(nameof(settlement), settlement, null),
    };
}
