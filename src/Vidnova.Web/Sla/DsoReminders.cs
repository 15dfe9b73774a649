using NodaTime;
using Vidnova.Calendar;

namespace Vidnova.Sla;

/// <summary>
/// Configuration section <c>Sla:Reminder</c>: when the DSO is reminded of a request it acknowledged but has not
/// finished. The default is the start of the last working day (the deadline day itself, 08:00 Kyiv time).
/// </summary>
public sealed class ReminderOptions
{
    public const string Section = "Sla:Reminder";

    public bool Enabled { get; set; } = true;

    /// <summary>Working days before the deadline day: 0 is the deadline day, 1 the working day before it.</summary>
    public int WorkingDaysBefore { get; set; }

    /// <summary>The hour of that day, Kyiv time (0–23).</summary>
    public int AtHour { get; set; } = 8;
}

public static class ReminderSchedule
{
    /// <summary>When the reminder for a request with <paramref name="deadline"/> falls due.</summary>
    public static Instant DueAt(LocalDate deadline, ReminderOptions options, WorkingDayCalendar calendar)
    {
        var day = deadline;
        for (var left = Math.Max(0, options.WorkingDaysBefore); left > 0;)
        {
            day = day.PlusDays(-1);
            if (calendar.IsWorkingDay(day))
            {
                left--;
            }
        }

        var time = new LocalTime(Math.Clamp(options.AtHour, 0, 23), 0);
        return day.At(time).InZoneLeniently(KyivTime.Zone).ToInstant();
    }
}
