using Microsoft.EntityFrameworkCore;
using NodaTime;
using Vidnova.Calendar;
using Vidnova.Kernel;
using Vidnova.Persistence;

namespace Vidnova.RepaymentSchedules;

/// <summary>An active schedule as restoration weighs it: what is still to pay of its first instalment and the current bills.</summary>
public sealed record ScheduleBeforeRestoration(Guid ScheduleId, Money StillToPay);

/// <summary>
/// What other capabilities may ask about an account's repayment schedule, without its internals: restoration's debt
/// policy asks whether the account follows one and what it still owes before supply may be restored on it.
/// </summary>
public interface IRepaymentScheduleStanding
{
    /// <summary>
    /// The account's active schedule and what is still to pay of its first instalment and the bills issued since it
    /// started; null when it has none (or its payments have broken it and the next check will say so).
    /// </summary>
    Task<ScheduleBeforeRestoration?> BeforeRestorationAsync(AccountNumber account, CancellationToken cancellationToken);

    /// <summary>How the account's newest schedule stands today (for the chatbot), or null when it never had one.</summary>
    Task<ScheduleProgress?> ProgressAsync(AccountNumber account, CancellationToken cancellationToken);
}

/// <summary>
/// A schedule as its customer follows it: the debt it spreads, what was paid and is left, and the next instalment due
/// (<paramref name="NextOverdue"/>: its date has passed and it is not paid; after the grace days the schedule breaks).
/// </summary>
public sealed record ScheduleProgress(
    RepaymentScheduleStatus Status, Money Debt, int Instalments, Money Paid, Money Remaining, InstalmentStanding? Next, bool NextOverdue);

internal sealed class RepaymentScheduleStanding(
    VidnovaDbContext db, ScheduleFigures figures, Microsoft.Extensions.Options.IOptionsMonitor<RepaymentScheduleOptions> options, IClock clock)
    : IRepaymentScheduleStanding
{
    public async Task<ScheduleBeforeRestoration?> BeforeRestorationAsync(AccountNumber account, CancellationToken cancellationToken)
    {
        var schedule = await db.Set<RepaymentSchedule>().AsNoTracking()
            .SingleOrDefaultAsync(s => s.OpenFor == account && s.Status == RepaymentScheduleStatus.Active, cancellationToken);
        if (schedule is null)
        {
            return null;
        }

        var facts = await figures.FactsOfAsync(schedule, cancellationToken);
        var today = KyivTime.DateOf(clock.GetCurrentInstant());
        var standing = ScheduleStanding.Of(schedule.Instalments, facts.CurrentBills, facts.PaidSinceStart, today);
        return standing.Verdict(today, options.CurrentValue.GraceDays) == ScheduleVerdict.Broken
            ? null
            : new ScheduleBeforeRestoration(schedule.Id, ScheduleStanding.StillToPayForRestoration(schedule.Instalments, facts.CurrentBills, facts.PaidSinceStart));
    }

    public async Task<ScheduleProgress?> ProgressAsync(AccountNumber account, CancellationToken cancellationToken)
    {
        var schedules = await db.Set<RepaymentSchedule>().AsNoTracking().Where(s => s.AccountNumber == account).ToListAsync(cancellationToken);
        var schedule = schedules.OrderByDescending(s => s.RequestedAt).FirstOrDefault();
        if (schedule is null)
        {
            return null;
        }

        var facts = await figures.FactsOfAsync(schedule, cancellationToken);
        var today = KyivTime.DateOf(clock.GetCurrentInstant());
        var standing = ScheduleStanding.Of(schedule.Instalments, facts.CurrentBills, facts.PaidSinceStart, today);
        var next = schedule.Status is RepaymentScheduleStatus.Active or RepaymentScheduleStatus.PendingApproval ? standing.Next : null;
        return new ScheduleProgress(schedule.Status, schedule.Debt, schedule.Instalments.Count, standing.Paid, standing.Remaining, next,
            next is not null && next.DueOn < today);
    }
}
