using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Vidnova.Hosting;
using Vidnova.Persistence;

namespace Vidnova.Staff;

/// <summary>
/// Locks a staff login after repeated wrong passwords (the idea of ASP.NET Core Identity's lockout). The count and
/// the lock live on the user's row and change with single UPDATE statements, so parallel guesses are all counted and
/// the lock holds on every instance behind the load balancer. An attempt is counted before its password is checked:
/// counting after it let any number of parallel guesses through while each still saw "not locked".
/// </summary>
internal sealed class StaffLockout(VidnovaDbContext db, IOptions<RateLimitOptions> options)
{
    private int Failures => Math.Max(1, options.Value.StaffSignIn.LockoutFailures);

    private Duration Lockout => Duration.FromMinutes(Math.Max(1, options.Value.StaffSignIn.LockoutMinutes));

    /// <summary>
    /// Counts one attempt, or says until when the login refuses attempts: while it is locked, and while as many
    /// attempts as the lock allows are already being checked.
    /// </summary>
    public async Task<Instant?> CountAttemptAsync(Guid userId, Instant now, CancellationToken cancellationToken)
    {
        var failures = Failures;
        var counted = await db.Set<StaffUser>()
            .Where(u => u.Id == userId && (u.LockedUntil == null || u.LockedUntil <= now) && u.FailedSignIns < failures)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.FailedSignIns, u => u.FailedSignIns + 1), cancellationToken);
        return counted == 1 ? null : await LockedUntilAsync(userId, now, cancellationToken) ?? now + Lockout;
    }

    /// <summary>The counted attempt had a wrong password: the one that fills the count locks the login.</summary>
    public async Task RecordFailureAsync(Guid userId, Instant now, CancellationToken cancellationToken)
    {
        var failures = Failures;
        Instant? until = now + Lockout;
        // The count starts again after the lock, as in Identity: the next series of guesses is locked again just as fast.
        await db.Set<StaffUser>()
            .Where(u => u.Id == userId && (u.LockedUntil == null || u.LockedUntil <= now) && u.FailedSignIns >= failures)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.LockedUntil, until).SetProperty(u => u.FailedSignIns, 0), cancellationToken);
    }

    /// <summary>
    /// The counted attempt had the right password (it was within the allowed guesses, so it signs in). It starts
    /// the count again, but never lifts a lock that parallel wrong guesses set meanwhile.
    /// </summary>
    public async Task RecordSuccessAsync(Guid userId, Instant now, CancellationToken cancellationToken) =>
        await db.Set<StaffUser>()
            .Where(u => u.Id == userId && (u.LockedUntil == null || u.LockedUntil <= now) && (u.FailedSignIns != 0 || u.LockedUntil != null))
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.FailedSignIns, 0).SetProperty(u => u.LockedUntil, (Instant?)null), cancellationToken);

    /// <summary>When the user may try again, if locked now.</summary>
    public async Task<Instant?> LockedUntilAsync(Guid userId, Instant now, CancellationToken cancellationToken)
    {
        var until = await db.Set<StaffUser>().Where(u => u.Id == userId).Select(u => u.LockedUntil).SingleOrDefaultAsync(cancellationToken);
        return until > now ? until : null;
    }
}
