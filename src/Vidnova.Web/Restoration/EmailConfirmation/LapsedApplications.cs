using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Vidnova.Persistence;
using Vidnova.Shared;

namespace Vidnova.Restoration.EmailConfirmation;

/// <summary>
/// Cancels every application still awaiting its email's confirmation <c>Restoration:UnconfirmedLapseHours</c> after
/// it was filed, so a stranger who applied with their own address never blocks the account's holder for long, and
/// the account may apply again. Safe on several instances: the application's version makes a second instance's
/// simultaneous attempt fail and leave the first one's.
/// </summary>
internal sealed class LapsedApplications(
    IServiceScopeFactory scopes, IClock clock, IOptionsMonitor<RestorationOptions> options, ILogger<LapsedApplications> logger) : PeriodicWork(logger)
{
    protected override string Work => "Cancelling lapsed applications";

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => CancelLapsedAsync(cancellationToken);

    /// <summary>Cancels every lapsed application; returns how many this instance cancelled.</summary>
    public async Task<int> CancelLapsedAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VidnovaDbContext>();
        var after = Duration.FromHours(Math.Max(1, options.CurrentValue.UnconfirmedLapseHours));
        var now = clock.GetCurrentInstant();
        var filedBefore = now - after;
        var candidates = await db.Set<RestorationApplication>().AsNoTracking()
            .Where(a => a.Status == ApplicationStatus.AwaitingEmailConfirmation && a.SubmittedAt <= filedBefore)
            .Select(a => a.Id)
            .ToListAsync(cancellationToken);

        var cancelled = 0;
        foreach (var id in candidates)
        {
            var application = await db.Set<RestorationApplication>().SingleAsync(a => a.Id == id, cancellationToken);
            if (!application.Lapse(after, now))
            {
                db.ChangeTracker.Clear();
                continue;
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                cancelled++;
                logger.LogInformation("Application {Number} lapsed: its email was not confirmed within {Hours} hours", application.Number, after.TotalHours);
            }
            catch (DbUpdateException)
            {
                // Another instance cancelled it, or the customer confirmed or cancelled it meanwhile; the next pass sees the result.
            }

            db.ChangeTracker.Clear();
        }

        return cancelled;
    }
}
