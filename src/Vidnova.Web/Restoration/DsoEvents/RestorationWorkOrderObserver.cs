using Microsoft.EntityFrameworkCore;
using NodaTime;
using Vidnova.Dso.WorkOrders;
using Vidnova.Notifications;
using Vidnova.Persistence;
using Vidnova.Restoration.Notifications;

namespace Vidnova.Restoration.DsoEvents;

/// <summary>
/// What the DSO did with a restoration work order, applied to the application that asked for it (acknowledged,
/// reconnected or refused) with the customer's email, in the unit of work that changed the order.
/// </summary>
internal sealed class RestorationWorkOrderObserver(VidnovaDbContext db, IClock clock, RestorationEmails emails, INotificationOutbox notifications) : IWorkOrderObserver
{
    public async Task OnWorkOrderChangedAsync(WorkOrderChanged change, CancellationToken cancellationToken)
    {
        // Placing is the application's own doing: it already refers to the order.
        if (change.Kind != WorkOrderKind.Restoration || change.Status == WorkOrderStatus.Pending
            || await ApplicationAsync(change.RequesterReference, cancellationToken) is not { } application)
        {
            return;
        }

        var now = clock.GetCurrentInstant();
        switch (change.Status)
        {
            case WorkOrderStatus.Received:
                if (application.DsoAcknowledged(change.OccurredAt, change.Deadline!.Value, change.Actor, now))
                {
                    notifications.Enqueue(emails.DsoAcknowledged(application, now));
                }

                break;
            case WorkOrderStatus.Completed:
                application.DsoCompleted(change.OccurredAt, change.Actor, now);
                notifications.Enqueue(emails.Restored(application, now));
                break;
            case WorkOrderStatus.Rejected:
                application.DsoRejected(change.OccurredAt, change.Reason ?? "", change.Actor, now);
                notifications.Enqueue(emails.DsoRejected(application, now));
                break;
        }
    }

    public async Task OnWorkOrderRemindedAsync(WorkOrderReminded reminded, CancellationToken cancellationToken)
    {
        if (reminded.Kind == WorkOrderKind.Restoration && await ApplicationAsync(reminded.RequesterReference, cancellationToken) is { } application)
        {
            application.RemindDso(reminded.At);
        }
    }

    public async Task OnWorkOrderDeliveryRetriedAsync(WorkOrderDeliveryRetried retried, CancellationToken cancellationToken)
    {
        if (retried.Kind == WorkOrderKind.Restoration && await ApplicationAsync(retried.RequesterReference, cancellationToken) is { } application)
        {
            application.RecordDsoDeliveryRetried(retried.Actor, retried.EventType, retried.FailedAttempts, retried.At);
        }
    }

    private Task<RestorationApplication?> ApplicationAsync(Guid id, CancellationToken cancellationToken) =>
        db.Set<RestorationApplication>().SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
}
