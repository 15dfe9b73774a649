using NodaTime;
using Vidnova.Kernel;

namespace Vidnova.Dso.WorkOrders;

/// <summary>What the supplier asks the DSO to do at a metering point (Retail Electricity Market Rules, NEURC No. 312).</summary>
public enum WorkOrderKind
{
    /// <summary>Reconnect a point disconnected for debt (КСР 11.5.23).</summary>
    Restoration,

    /// <summary>Disconnect a point for debt after the warnings (PRRE 7.5).</summary>
    Disconnection,
}

/// <summary>A work order's lifecycle: pending → received → completed / rejected; or cancelled by the supplier before the DSO acted.</summary>
public enum WorkOrderStatus
{
    Pending,
    Received,
    Completed,
    Rejected,

    /// <summary>The supplier withdrew the order before the DSO reported its outcome (a disconnection whose debt was paid).</summary>
    Cancelled,
}

/// <summary>
/// A work order changed: placed (<see cref="WorkOrderStatus.Pending"/>), acknowledged, completed or rejected by the
/// DSO. Published in-process, inside the unit of work that changed the order, to every
/// <see cref="IWorkOrderObserver"/>; each capability reacts to the kinds it asked for (or cares about) and saves
/// with the same transaction, so a DSO report and its consequences commit together or not at all.
/// </summary>
/// <param name="RequesterReference">The id the asking capability gave at placement (e.g. the restoration application's id).</param>
/// <param name="Status">What happened: placed (pending) or what the DSO reported. A late acknowledgement (after the
/// outcome) is published as <see cref="WorkOrderStatus.Received"/> though the order keeps its outcome.</param>
/// <param name="OccurredAt">When it happened according to the reporter (the DSO's occurredAt).</param>
/// <param name="Deadline">The last working day (Kyiv) by which the DSO must complete, once it acknowledged.</param>
/// <param name="Actor">Who reported it, as recorded in audit trails (e.g. <c>dso:kyiv-city</c>).</param>
public sealed record WorkOrderChanged(
    Guid WorkOrderId,
    WorkOrderKind Kind,
    DsoCode DsoCode,
    AccountNumber AccountNumber,
    Guid RequesterReference,
    WorkOrderStatus Status,
    Instant OccurredAt,
    LocalDate? Deadline,
    string? Reason,
    string Actor);

/// <summary>The DSO was reminded of an acknowledged order's deadline (<c>Sla:Reminder</c>); once per order.</summary>
public sealed record WorkOrderReminded(Guid WorkOrderId, WorkOrderKind Kind, Guid RequesterReference, LocalDate Deadline, Instant At);

/// <summary>Staff put a dead-lettered delivery of the order back in the queue after <paramref name="FailedAttempts"/> failures.</summary>
public sealed record WorkOrderDeliveryRetried(
    Guid WorkOrderId, WorkOrderKind Kind, Guid RequesterReference, string EventType, int FailedAttempts, string Actor, Instant At);

/// <summary>A capability that reacts to work-order changes; registered in DI, called in the changing unit of work.</summary>
public interface IWorkOrderObserver
{
    Task OnWorkOrderChangedAsync(WorkOrderChanged change, CancellationToken cancellationToken);

    /// <summary>For an audit trail of the requester's own; nothing to do by default.</summary>
    Task OnWorkOrderRemindedAsync(WorkOrderReminded reminded, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>For an audit trail of the requester's own; nothing to do by default.</summary>
    Task OnWorkOrderDeliveryRetriedAsync(WorkOrderDeliveryRetried retried, CancellationToken cancellationToken) => Task.CompletedTask;
}
