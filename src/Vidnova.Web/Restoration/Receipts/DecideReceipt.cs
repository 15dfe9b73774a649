using NodaTime;
using Vidnova.Notifications;
using Vidnova.Persistence;
using Vidnova.Restoration.DsoEvents;
using Vidnova.Restoration.Notifications;

namespace Vidnova.Restoration.Receipts;

/// <summary>An operator's verdict on a receipt: approval sends the restoration request to the DSO.</summary>
internal sealed class DecideReceipt(VidnovaDbContext db, IClock clock, RestorationEmails emails, INotificationOutbox notifications, OutboxSignal outbox, PlaceRestorationWorkOrder workOrders)
{
    public async Task<RestorationApplication> HandleAsync(Guid id, bool approve, string? reason, string actor, CancellationToken cancellationToken)
    {
        var application = await ApplicationAccess.LoadAsync(db, id, cancellationToken);
        var now = clock.GetCurrentInstant();
        if (approve)
        {
            application.ApproveReceipt(actor, now);
            notifications.Enqueue(emails.ReceiptApproved(application, now));
            await workOrders.PlaceAsync(application, now, cancellationToken);
        }
        else
        {
            var receipt = application.ReceiptUnderReview;
            application.RejectReceipt(actor, reason ?? "", now);
            notifications.Enqueue(emails.ReceiptRejected(application, receipt!, now));
        }

        await db.SaveChangesAsync(cancellationToken);
        outbox.Notify();
        workOrders.Notify();
        return application;
    }
}
