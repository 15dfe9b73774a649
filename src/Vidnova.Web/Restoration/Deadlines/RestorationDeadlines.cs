using Microsoft.EntityFrameworkCore;
using NodaTime;
using Vidnova.Calendar;
using Vidnova.Kernel;
using Vidnova.Notifications;
using Vidnova.Persistence;
using Vidnova.Restoration.Notifications;

namespace Vidnova.Restoration.Deadlines;

internal sealed class RestorationDeadlines(
    VidnovaDbContext db, IClock clock, RestorationEmails emails, INotificationOutbox notifications, OutboxSignal outbox) : IRestorationDeadlines
{
    public async Task<IReadOnlyList<RestorationRequestFigures>> RequestsAsync(CancellationToken cancellationToken) =>
        [.. (await db.Set<RestorationApplication>().AsNoTracking().Where(a => a.DsoRequest != null).ToListAsync(cancellationToken))
            .Select(a => new RestorationRequestFigures(a.Id, a.Number, a.DsoCode, a.Status, a.DsoRequest!.Status, a.DsoRequest.CreatedAt,
                a.DsoRequest.ReceivedAt, a.DsoRequest.Deadline, a.DsoRequest.CompletedAt,
                a.Compensation is { } c ? new RecordedBreach(c.MissedDeadline, c.Amount, c.RecordedAt) : null))];

    public async Task<IReadOnlyList<MissedRestorationDeadline>> UnrecordedBreachesAsync(LocalDate todayInKyiv, CancellationToken cancellationToken)
    {
        // Tracked: the breaches are recorded on these, and the version each was read with guards the save.
        var candidates = await db.Set<RestorationApplication>()
            .Where(a => a.Compensation == null && a.DsoRequest!.Deadline < todayInKyiv
                && (a.Status == ApplicationStatus.InProgressAtDso || a.Status == ApplicationStatus.Restored))
            .ToListAsync(cancellationToken);
        return [.. candidates.Where(a => a.MissedDeadline(todayInKyiv, KyivTime.DateOf))
            .Select(a => new MissedRestorationDeadline(a.Id, a.Number, a.AccountNumber, a.DsoRequest!.Deadline!.Value))];
    }

    public async Task<bool> RecordBreachAsync(Guid applicationId, Money compensation, bool household, CancellationToken cancellationToken)
    {
        var application = db.Set<RestorationApplication>().Local.FirstOrDefault(a => a.Id == applicationId)
            ?? await db.Set<RestorationApplication>().SingleAsync(a => a.Id == applicationId, cancellationToken);
        if (application.Compensation is not null)
        {
            return false;
        }

        var now = clock.GetCurrentInstant();
        application.RecordSlaBreach(compensation, household, now);
        notifications.Enqueue(emails.Compensation(application, now));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another instance recorded it (or the DSO reported meanwhile). Clearing the tracker detaches the other
            // candidates too, so a later breach is read again, with its current version.
            db.ChangeTracker.Clear();
            return false;
        }

        outbox.Notify();
        return true;
    }
}
