using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Vidnova.Hosting;
using Vidnova.Kernel;
using Vidnova.Notifications;
using Vidnova.Persistence;
using Vidnova.Problems;
using Vidnova.Restoration.Notifications;

namespace Vidnova.Restoration.Apply;

/// <summary>
/// The steps every new application takes, whether typed into the public form or filed from the personal account:
/// one open application per account, a few a day, a number of the year, and a race between two submissions that
/// leaves one of them standing.
/// </summary>
internal sealed class ApplicationFiling(
    VidnovaDbContext db, IClock clock, RestorationEmails emails, INotificationOutbox notifications, OutboxSignal outbox, IOptions<RateLimitOptions> limits)
{
    private static readonly Duration AccountWindow = Duration.FromDays(1);

    public Task<RestorationApplication?> FindOpenAsync(AccountNumber accountNumber, CancellationToken cancellationToken) =>
        db.Set<RestorationApplication>()
            .Where(a => a.AccountNumber == accountNumber)
            .Where(a => a.Status != ApplicationStatus.Restored && a.Status != ApplicationStatus.RejectedByDso && a.Status != ApplicationStatus.Cancelled)
            .SingleOrDefaultAsync(cancellationToken);

    /// <summary>
    /// Apply → cancel → apply sends an email each time, to whatever address was typed: a few a day per account is all
    /// a household needs. Counted in the database, so the limit holds across instances.
    /// </summary>
    public async Task EnsureAccountLimitAsync(AccountNumber accountNumber, Instant now, CancellationToken cancellationToken)
    {
        var since = now - AccountWindow;
        var recent = await db.Set<RestorationApplication>()
            .Where(a => a.AccountNumber == accountNumber && a.SubmittedAt > since)
            .Select(a => a.SubmittedAt)
            .OrderBy(at => at)
            .ToListAsync(cancellationToken);
        var limit = Math.Max(1, limits.Value.Applications.PerAccountPerDay);
        if (recent.Count >= limit)
        {
            // Room again once enough of those leave the window.
            throw new TooManyRequestsException(
                "Забагато заяв за цим особовим рахунком за добу. Спробуйте знову {0}.", recent[recent.Count - limit] + AccountWindow - now);
        }
    }

    /// <summary>Reminds the original address of the open application, at most once an hour however often it is repeated.</summary>
    public async Task<RestorationApplication> RepeatAsync(RestorationApplication open, CancellationToken cancellationToken)
    {
        var reminder = emails.RepeatedSubmission(open, clock.GetCurrentInstant());
        if (!await notifications.IsQueuedAsync(reminder.DeduplicationKey, cancellationToken))
        {
            notifications.Enqueue(reminder);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                outbox.Notify();
            }
            catch (DbUpdateException)
            {
                // A simultaneous repeat queued the same reminder.
                db.ChangeTracker.Clear();
            }
        }

        return open;
    }

    /// <summary>
    /// Saves the new application with its first email. Two submissions may race; the unique index on open
    /// applications lets one through, and the other gets the repeat's answer with the winner.
    /// </summary>
    /// <returns>The application saved, and whether it is the new one.</returns>
    public async Task<(RestorationApplication Application, bool Created)> SaveNewAsync(
        RestorationApplication application, Notification firstEmail, CancellationToken cancellationToken)
    {
        db.Add(application);
        notifications.Enqueue(firstEmail);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            var winner = await FindOpenAsync(application.AccountNumber, cancellationToken);
            if (winner is null)
            {
                throw;
            }

            return (await RepeatAsync(winner, cancellationToken), false);
        }

        outbox.Notify();
        return (application, true);
    }

    /// <summary>
    /// Takes the next number of the year with one atomic statement, so simultaneous submissions for different
    /// accounts never collide (a failed submission leaves a gap, which is harmless).
    /// </summary>
    public async Task<string> NextNumberAsync(Instant now, CancellationToken cancellationToken)
    {
        var year = now.InZone(Calendar.KyivTime.Zone).Year;
        await db.Database.ExecuteSqlAsync(
            $"""INSERT INTO application_number_sequences ("Year", "LastValue") VALUES ({year}, 0) ON CONFLICT ("Year") DO NOTHING""",
            cancellationToken);
        var taken = await db.Database.SqlQuery<int>(
                $"""UPDATE application_number_sequences SET "LastValue" = "LastValue" + 1 WHERE "Year" = {year} RETURNING "LastValue" AS "Value" """)
            .ToListAsync(cancellationToken);
        return ApplicationNumberSequence.Format(year, taken.Single());
    }
}
