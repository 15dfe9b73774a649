using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Vidnova.Calendar;
using Vidnova.Dunning;
using Vidnova.Kernel;
using Vidnova.Notifications;
using Vidnova.Persistence;
using Vidnova.Shared;

namespace Vidnova.RepaymentSchedules;

/// <summary>A schedule and how its payments stand today.</summary>
internal sealed record JudgedSchedule(RepaymentSchedule Schedule, ScheduleStanding Standing);

/// <summary>
/// Judges an active schedule by its payments (<see cref="ScheduleStanding"/>): all instalments paid completes it, an
/// instalment unpaid past the grace days breaks it — the customer is emailed and dunning's hold released, so an unpaid
/// debt starts a new case with a new first warning. Run by <see cref="ScheduleWatch"/> and whenever a schedule is read;
/// idempotent, and safe on several instances: the schedule's version lets one judgement through, the loser reads the
/// winner's result, and the outbox's key lets one email per login through.
/// </summary>
internal sealed class ScheduleCompliance(
    VidnovaDbContext db, ScheduleFigures figures, IDunningHolds holds, BrokenScheduleNotice notice, OutboxSignal signal,
    IOptionsMonitor<RepaymentScheduleOptions> options, IClock clock)
{
    /// <summary>The account's newest schedule, judged first if it is active; null when it never had one.</summary>
    public Task<JudgedSchedule?> CurrentAsync(AccountNumber account, CancellationToken cancellationToken) =>
        db.RetryOnLostRaceAsync(async () =>
        {
            var schedule = await db.Set<RepaymentSchedule>()
                .Where(s => s.AccountNumber == account).OrderByDescending(s => s.RequestedAt).FirstOrDefaultAsync(cancellationToken);
            return schedule is null ? null : await JudgeAsync(schedule, cancellationToken);
        });

    public Task<JudgedSchedule?> ByIdAsync(Guid id, CancellationToken cancellationToken) =>
        db.RetryOnLostRaceAsync(async () =>
            await db.Set<RepaymentSchedule>().SingleOrDefaultAsync(s => s.Id == id, cancellationToken) is { } schedule
                ? await JudgeAsync(schedule, cancellationToken)
                : null);

    /// <summary>Judges every active schedule; returns how many this pass completed or broke.</summary>
    public async Task<int> JudgeActiveAsync(CancellationToken cancellationToken)
    {
        var active = await db.Set<RepaymentSchedule>().AsNoTracking()
            .Where(s => s.Status == RepaymentScheduleStatus.Active).Select(s => s.Id).ToListAsync(cancellationToken);
        var changed = 0;
        foreach (var id in active)
        {
            db.ChangeTracker.Clear();
            if (await ByIdAsync(id, cancellationToken) is { Schedule.Status: not RepaymentScheduleStatus.Active })
            {
                changed++;
            }
        }

        return changed;
    }

    /// <summary>The standing of a tracked schedule; an active one completed or broken by it is saved.</summary>
    private async Task<JudgedSchedule> JudgeAsync(RepaymentSchedule schedule, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var today = KyivTime.DateOf(now);
        var graceDays = options.CurrentValue.GraceDays;
        var facts = await figures.FactsOfAsync(schedule, cancellationToken);
        var standing = ScheduleStanding.Of(schedule.Instalments, facts.CurrentBills, facts.PaidSinceStart, today);
        if (schedule.Status != RepaymentScheduleStatus.Active)
        {
            return new JudgedSchedule(schedule, standing);
        }

        switch (standing.Verdict(today, graceDays))
        {
            case ScheduleVerdict.Completed:
                schedule.Complete(now);
                await holds.ReleaseAsync(schedule.Id, now, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                break;
            case ScheduleVerdict.Broken:
                var overdue = standing.Overdue(today, graceDays)!;
                schedule.Break(overdue.Number, now);
                await holds.ReleaseAsync(schedule.Id, now, cancellationToken);
                await notice.EnqueueAsync(schedule, overdue, graceDays, now, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                signal.Notify();
                break;
        }

        return new JudgedSchedule(schedule, standing);
    }
}

/// <summary>Every instance judges the active schedules every <c>RepaymentSchedules:CheckMinutes</c> (the versions keep one judgement).</summary>
internal sealed class ScheduleWatch(IServiceScopeFactory scopes, IOptions<RepaymentScheduleOptions> options, ILogger<ScheduleWatch> logger)
    : PeriodicWork(logger)
{
    protected override TimeSpan Interval => TimeSpan.FromMinutes(Math.Max(1, options.Value.CheckMinutes));

    protected override string Work => "Judging repayment schedules";

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var changed = await scope.ServiceProvider.GetRequiredService<ScheduleCompliance>().JudgeActiveAsync(cancellationToken);
        if (changed > 0)
        {
            logger.LogInformation("Completed or broke {Count} repayment schedules", changed);
        }
    }
}
