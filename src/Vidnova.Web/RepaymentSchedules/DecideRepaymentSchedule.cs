using Microsoft.EntityFrameworkCore;
using NodaTime;
using Vidnova.Dunning;
using Vidnova.Kernel;
using Vidnova.Persistence;
using Vidnova.Problems;

namespace Vidnova.RepaymentSchedules;

/// <summary>A supervisor approves a schedule referred to them, or declines it with a reason; both are recorded.</summary>
internal sealed class DecideRepaymentSchedule(VidnovaDbContext db, IDunningHolds holds, IClock clock)
{
    public async Task<RepaymentSchedule> ApproveAsync(AccountNumber account, Guid id, string supervisor, CancellationToken cancellationToken)
    {
        var schedule = await FindAsync(account, id, cancellationToken);
        schedule.Approve(supervisor, clock.GetCurrentInstant());
        await db.SaveChangesAsync(cancellationToken);
        return schedule;
    }

    public async Task<RepaymentSchedule> DeclineAsync(AccountNumber account, Guid id, string supervisor, string? reason, CancellationToken cancellationToken)
    {
        var schedule = await FindAsync(account, id, cancellationToken);
        var now = clock.GetCurrentInstant();
        schedule.Decline(supervisor, reason, now);
        await holds.ReleaseAsync(schedule.Id, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return schedule;
    }

    private async Task<RepaymentSchedule> FindAsync(AccountNumber account, Guid id, CancellationToken cancellationToken) =>
        await db.Set<RepaymentSchedule>().SingleOrDefaultAsync(s => s.Id == id && s.AccountNumber == account, cancellationToken)
        ?? throw NotFound(account);

    public static NotFoundException NotFound(AccountNumber account) =>
        new("schedule_not_found", "Графіка погашення за особовим рахунком {0} немає.", account.Value);
}
