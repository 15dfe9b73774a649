using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Vidnova.Calendar;
using Vidnova.Persistence;
using Vidnova.Shared;

namespace Vidnova.Dso.WorkOrders;

/// <summary>
/// Configuration section <c>Sla:Reminder</c> (the name it always had): when the DSO is reminded of an order it acknowledged but has not
/// finished. The default is the start of the last working day (the deadline day itself, 08:00 Kyiv time).
/// </summary>
internal sealed class ReminderOptions
{
    public const string Section = "Sla:Reminder";

    public bool Enabled { get; set; } = true;

    /// <summary>Working days before the deadline day: 0 is the deadline day, 1 the working day before it.</summary>
    public int WorkingDaysBefore { get; set; }

    /// <summary>The hour of that day, Kyiv time (0–23).</summary>
    public int AtHour { get; set; } = 8;
}

internal static class ReminderSchedule
{
    /// <summary>When the reminder for an order with <paramref name="deadline"/> falls due.</summary>
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

/// <summary>
/// Reminds the DSO, once, of every acknowledged order whose deadline is near (<see cref="ReminderOptions"/>): part of
/// the order's lifecycle, queued to the DSO's channel. Safe on several instances: the order's version makes a
/// second instance's simultaneous reminder fail and leave the first one's.
/// </summary>
internal sealed class WorkOrderReminders(
    IServiceScopeFactory scopes, IClock clock, IOptionsMonitor<ReminderOptions> reminders, ILogger<WorkOrderReminders> logger) : PeriodicWork(logger)
{
    protected override string Work => "Reminding DSOs of deadlines";

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => SendRemindersAsync(cancellationToken);

    /// <summary>Queues a reminder for every acknowledged order whose reminder time has come; returns how many.</summary>
    public async Task<int> SendRemindersAsync(CancellationToken cancellationToken)
    {
        var settings = reminders.CurrentValue;
        if (!settings.Enabled)
        {
            return 0;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VidnovaDbContext>();
        var orders = scope.ServiceProvider.GetRequiredService<WorkOrders>();
        var now = clock.GetCurrentInstant();
        var today = KyivTime.DateOf(now);
        // A deadline already past gets no reminder: the requester's rules (an SLA breach) take over.
        var candidates = await db.Set<WorkOrder>().AsNoTracking()
            .Where(o => o.Status == WorkOrderStatus.Received && o.RemindedAt == null && o.Deadline >= today)
            .Select(o => new { o.Id, o.Deadline })
            .ToListAsync(cancellationToken);
        if (candidates.Count == 0)
        {
            return 0;
        }

        var calendar = await scope.ServiceProvider.GetRequiredService<CalendarStore>().LoadAsync(cancellationToken);
        var sent = 0;
        foreach (var candidate in candidates.Where(c => ReminderSchedule.DueAt(c.Deadline!.Value, settings, calendar) <= now))
        {
            var order = await db.Set<WorkOrder>().SingleAsync(o => o.Id == candidate.Id, cancellationToken);
            if (!await orders.RemindAsync(order, cancellationToken))
            {
                continue;
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                sent++;
                logger.LogInformation("Reminded DSO {Dso} of {Number}, deadline {Deadline}", order.DsoCode, order.ApplicationNumber, candidate.Deadline);
            }
            catch (DbUpdateException)
            {
                // Another instance reminded (or the DSO reported) meanwhile; the next pass sees the result.
            }

            db.ChangeTracker.Clear();
        }

        orders.Notify();
        return sent;
    }
}
