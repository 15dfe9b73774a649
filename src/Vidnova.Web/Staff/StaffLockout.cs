using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Vidnova.Hosting;
using Vidnova.Persistence;

namespace Vidnova.Staff;

/// <summary>
/// Locks a staff login after repeated wrong passwords (the idea of ASP.NET Core Identity's lockout). The count and
/// the lock live on the user's row and change with single UPDATE statements, so parallel guesses are all counted and
/// the lock holds on every instance behind the load balancer.
/// </summary>
public sealed class StaffLockout(VidnovaDbContext db, IOptions<RateLimitOptions> options)
{
    public async Task RecordFailureAsync(Guid userId, Instant now, CancellationToken cancellationToken)
    {
        var limits = options.Value.StaffSignIn;
        var user = db.Set<StaffUser>().Where(u => u.Id == userId);
        await user.ExecuteUpdateAsync(s => s.SetProperty(u => u.FailedSignIns, u => u.FailedSignIns + 1), cancellationToken);
        Instant? until = now + Duration.FromMinutes(Math.Max(1, limits.LockoutMinutes));
        // The count starts again after the lock, as in Identity: the next series of guesses is locked again just as fast.
        await user.Where(u => u.FailedSignIns >= Math.Max(1, limits.LockoutFailures))
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.LockedUntil, until).SetProperty(u => u.FailedSignIns, 0), cancellationToken);
    }

    public async Task RecordSuccessAsync(Guid userId, CancellationToken cancellationToken) =>
        await db.Set<StaffUser>().Where(u => u.Id == userId && (u.FailedSignIns != 0 || u.LockedUntil != null))
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.FailedSignIns, 0).SetProperty(u => u.LockedUntil, (Instant?)null), cancellationToken);

    /// <summary>When the user may try again, if locked now.</summary>
    public async Task<Instant?> LockedUntilAsync(Guid userId, Instant now, CancellationToken cancellationToken)
    {
        var until = await db.Set<StaffUser>().Where(u => u.Id == userId).Select(u => u.LockedUntil).SingleOrDefaultAsync(cancellationToken);
        return until > now ? until : null;
    }
}
