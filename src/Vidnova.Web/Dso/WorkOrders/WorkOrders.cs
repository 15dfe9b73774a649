using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Vidnova.Calendar;
using Vidnova.Kernel;
using Vidnova.Notifications;
using Vidnova.Persistence;
using Vidnova.Problems;

namespace Vidnova.Dso.WorkOrders;

/// <summary>A DSO's report on one of its orders, as both the API and the signed callback carry it.</summary>
internal sealed record WorkOrderEventCommand(Guid WorkOrderId, string? Type, Instant? OccurredAt, string? Reason);

/// <summary>
/// The DSO exchange as the capabilities that ask for work see it: place an order, and learn what the DSO did with
/// it through <see cref="IWorkOrderObserver"/>. Everything happens in the caller's unit of work (the caller saves).
/// </summary>
public interface IWorkOrders
{
    /// <summary>Places the order, queues it for the DSO's channel and publishes <see cref="WorkOrderStatus.Pending"/>.</summary>
    Task PlaceAsync(WorkOrderPlacement placement, Instant now, CancellationToken cancellationToken);

    /// <summary>
    /// Withdraws the order the DSO has not reported the outcome of yet: queues the cancellation to its channel and
    /// publishes <see cref="WorkOrderStatus.Cancelled"/>. False, and nothing changes, when the DSO already reported it.
    /// </summary>
    Task<bool> CancelAsync(Guid workOrderId, string reason, Instant now, CancellationToken cancellationToken);

    /// <summary>Call after the unit of work committed, so the dispatchers send what was queued without waiting for their poll.</summary>
    void Notify();
}

/// <summary>
/// Places work orders and records the DSO's events on them, publishing each change to every
/// <see cref="IWorkOrderObserver"/> in the same unit of work, so an order and its consequences commit together.
/// </summary>
internal sealed class WorkOrders(
    VidnovaDbContext db,
    IClock clock,
    CalendarStore calendars,
    DsoOutbox dsoOutbox,
    OutboxSignal mailOutbox,
    IEnumerable<IWorkOrderObserver> observers,
    IOptionsMonitor<DsoDeliveryOptions> options) : IWorkOrders
{
    public async Task PlaceAsync(WorkOrderPlacement placement, Instant now, CancellationToken cancellationToken)
    {
        var order = WorkOrder.Place(placement, now);
        db.Add(order);
        await dsoOutbox.EnqueueAsync(order, DsoDelivery.RequestedEventOf(order.Kind), now, cancellationToken);
        await PublishAsync(order, WorkOrderStatus.Pending, now, null, Actors.SupplierSystem, cancellationToken);
    }

    public async Task<bool> CancelAsync(Guid workOrderId, string reason, Instant now, CancellationToken cancellationToken)
    {
        var order = await db.Set<WorkOrder>().SingleAsync(o => o.Id == workOrderId, cancellationToken);
        if (!order.Cancel(now, reason))
        {
            return false;
        }

        await dsoOutbox.EnqueueAsync(order, DsoDelivery.CancelledEventOf(order.Kind), now, cancellationToken);
        await PublishAsync(order, WorkOrderStatus.Cancelled, now, reason, Actors.SupplierSystem, cancellationToken);
        return true;
    }

    public void Notify()
    {
        dsoOutbox.Notify();
        mailOutbox.Notify();
    }

    /// <summary>Records the event in a unit of work of its own, run again on fresh rows when a concurrent report won the race.</summary>
    public Task<WorkOrder> HandleAsync(DsoCode dso, WorkOrderKind? kind, WorkOrderEventCommand command, CancellationToken cancellationToken) =>
        db.RetryOnLostRaceAsync(async () =>
        {
            var order = await ApplyAsync(dso, kind, command, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            Notify();
            return order;
        });

    /// <summary>One try: loads the order (of <paramref name="kind"/> when given), applies the event and publishes it; the caller saves.</summary>
    public async Task<WorkOrder> ApplyAsync(DsoCode dso, WorkOrderKind? kind, WorkOrderEventCommand command, CancellationToken cancellationToken)
    {
        var type = Validate(command);
        var occurredAt = command.OccurredAt!.Value;
        var order = await db.Set<WorkOrder>()
            .SingleOrDefaultAsync(o => o.Id == command.WorkOrderId && o.DsoCode == dso && (kind == null || o.Kind == kind), cancellationToken)
            ?? throw new NotFoundException("dso_request_not_found", "Запит на відновлення {0} не знайдено серед запитів вашого ОСР.", command.WorkOrderId);

        var now = clock.GetCurrentInstant();
        CheckOccurredAt(occurredAt, order, now);
        var actor = Actors.Dso(dso);
        switch (type)
        {
            case WorkOrderStatus.Received:
                var calendar = await calendars.LoadAsync(cancellationToken);
                // Counted from the day after the DSO received the order (its date in Kyiv time), КСР 11.5.23.
                var deadline = calendar.NthWorkingDayAfter(KyivTime.DateOf(occurredAt), order.WorkingDaysAllowed);
                if (order.Receive(occurredAt, deadline) != WorkOrderOutcome.Nothing)
                {
                    await PublishAsync(order, WorkOrderStatus.Received, occurredAt, null, actor, cancellationToken);
                }

                break;
            case WorkOrderStatus.Completed:
                order.Complete(occurredAt);
                await PublishAsync(order, WorkOrderStatus.Completed, occurredAt, null, actor, cancellationToken);
                break;
            default:
                order.Reject(occurredAt, command.Reason ?? "");
                await PublishAsync(order, WorkOrderStatus.Rejected, occurredAt, order.RejectionReason, actor, cancellationToken);
                break;
        }

        return order;
    }

    /// <summary>Reminds the DSO of the order's deadline, once: queued to its channel and published to the observers.</summary>
    public async Task<bool> RemindAsync(WorkOrder order, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        if (!order.Remind(now))
        {
            return false;
        }

        await dsoOutbox.EnqueueAsync(order, DsoDelivery.Reminder, now, cancellationToken);
        var reminded = new WorkOrderReminded(order.Id, order.Kind, order.RequesterReference, order.Deadline!.Value, now);
        foreach (var observer in observers)
        {
            await observer.OnWorkOrderRemindedAsync(reminded, cancellationToken);
        }

        return true;
    }

    /// <summary>Tells the observers that staff put a dead-lettered delivery of the order back in the queue (for their audit trail).</summary>
    public async Task DeliveryRetriedAsync(Guid workOrderId, string actor, string eventType, int failedAttempts, CancellationToken cancellationToken)
    {
        var order = await db.Set<WorkOrder>().AsNoTracking().SingleOrDefaultAsync(o => o.Id == workOrderId, cancellationToken);
        if (order is null)
        {
            return;
        }

        var retried = new WorkOrderDeliveryRetried(order.Id, order.Kind, order.RequesterReference, eventType, failedAttempts, actor, clock.GetCurrentInstant());
        foreach (var observer in observers)
        {
            await observer.OnWorkOrderDeliveryRetriedAsync(retried, cancellationToken);
        }
    }

    private async Task PublishAsync(WorkOrder order, WorkOrderStatus status, Instant occurredAt, string? reason, string actor, CancellationToken cancellationToken)
    {
        var change = new WorkOrderChanged(order.Id, order.Kind, order.DsoCode, order.AccountNumber, order.RequesterReference, status,
            occurredAt, order.Deadline, reason, actor);
        foreach (var observer in observers)
        {
            await observer.OnWorkOrderChangedAsync(change, cancellationToken);
        }
    }

    /// <summary>
    /// Nothing can happen to an order before the DSO could know of it, nor later than now. The earliest sound
    /// instant is when the order was placed: a pull DSO lists it from then on, and a push DSO may already have
    /// received an attempt we recorded as failed (a timeout after it arrived), so our "delivered" mark would be too
    /// late a bound. Both ends allow the configured clock skew. A date outside (e.g. 0001-01-01) would make a
    /// nonsense deadline.
    /// </summary>
    private void CheckOccurredAt(Instant occurredAt, WorkOrder order, Instant now)
    {
        var skew = Duration.FromSeconds(Math.Max(0, options.CurrentValue.EventClockSkewSeconds));
        if (occurredAt < order.CreatedAt - skew)
        {
            throw new BusinessRuleException("occurred_at_before_request",
                "Час події {0:yyyy-MM-dd HH:mm:ss}Z раніший, ніж заявку передано ОСР ({1:yyyy-MM-dd HH:mm:ss}Z): вкажіть справжній час події (occurredAt) в UTC.",
                occurredAt.ToDateTimeUtc(), order.CreatedAt.ToDateTimeUtc())
            { Category = RefusalCategory.InvalidInput };
        }

        if (occurredAt > now + skew)
        {
            throw new BusinessRuleException("occurred_at_in_future",
                "Час події {0:yyyy-MM-dd HH:mm:ss}Z ще не настав: вкажіть справжній час події (occurredAt) в UTC і перевірте годинник вашої системи.",
                occurredAt.ToDateTimeUtc())
            { Category = RefusalCategory.InvalidInput };
        }
    }

    private static WorkOrderStatus Validate(WorkOrderEventCommand command)
    {
        var errors = new InputErrors();
        WorkOrderStatus type = default;
        if (command.Type is not ("received" or "completed" or "rejected") || !WorkOrderNames.TryParseApiName(command.Type, out type))
        {
            errors.Add("type", "Тип події має бути received, completed або rejected.");
        }

        if (command.OccurredAt is null)
        {
            errors.Add("occurredAt", "Вкажіть час події (occurredAt) як момент ISO 8601, наприклад 2026-11-25T09:30:00Z.");
        }

        errors.ThrowIfAny();
        return type;
    }
}

/// <summary>How the DSO exchange names who acted, as audit trails record it.</summary>
internal static class Actors
{
    public const string SupplierSystem = "system";

    public static string Dso(DsoCode code) => $"dso:{code}";
}
