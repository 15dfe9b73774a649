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

/// <summary>A work order's lifecycle: pending → received → completed / rejected.</summary>
public enum WorkOrderStatus
{
    Pending,
    Received,
    Completed,
    Rejected,
}

/// <summary>
/// A work order changed: placed (<see cref="WorkOrderStatus.Pending"/>), acknowledged, completed or rejected by the
/// DSO. Published in-process, inside the unit of work that changed the order, to every
/// <see cref="IWorkOrderObserver"/>; each capability reacts to the kinds it asked for (or cares about) and saves
/// with the same transaction, so a DSO report and its consequences commit together or not at all.
/// </summary>
/// <param name="RequesterReference">The id the asking capability gave at placement (e.g. the restoration application's id).</param>
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

/// <summary>A capability that reacts to work-order changes; registered in DI, called in the changing unit of work.</summary>
public interface IWorkOrderObserver
{
    Task OnWorkOrderChangedAsync(WorkOrderChanged change, CancellationToken cancellationToken);
}
