using NodaTime;
using Vidnova.Kernel;
using Vidnova.Problems;

namespace Vidnova.Dso.WorkOrders;

/// <summary>
/// What the DSO needs to do the work, as the requester gave it at placement: the DSO reads nothing else, so an
/// order stays what was sent even if the account changes later. The settlement (<c>city</c> or <c>rural</c>)
/// is what the DSO's working days depend on.
/// </summary>
public sealed record WorkOrderSubject(string ApplicationNumber, AccountNumber AccountNumber, Eic Eic, string Address, string Settlement);

/// <summary>
/// A capability asks the DSO for work. <paramref name="WorkingDaysAllowed"/> is the requester's rule (e.g. 3 working
/// days in cities and 5 in rural areas for a restoration, КСР 11.5.23), counted from the day after the DSO
/// acknowledged; <paramref name="Id"/> is chosen by the requester so it can keep the reference in the same unit of work.
/// </summary>
public sealed record WorkOrderPlacement(
    Guid Id, WorkOrderKind Kind, DsoCode DsoCode, Guid RequesterReference, int WorkingDaysAllowed, WorkOrderSubject Subject);

/// <summary>What the DSO reported on an order; <see cref="Nothing"/> when it repeats what the order already says.</summary>
internal enum WorkOrderOutcome
{
    Applied,

    /// <summary>The acknowledgement arrived after the outcome: its time and deadline are kept, the status stays the outcome.</summary>
    LateReceipt,

    Nothing,
}

/// <summary>
/// The supplier's order to a DSO (Retail Electricity Market Rules, NEURC No. 312): pending until the DSO acknowledges
/// it (which starts the deadline), then completed or rejected. Its status changes only through the methods below,
/// each checked against <see cref="WorkOrderStateMachine"/>.
/// </summary>
internal sealed class WorkOrder
{
    private WorkOrder(Guid id, WorkOrderKind kind, DsoCode dsoCode, Guid requesterReference, int workingDaysAllowed,
        string applicationNumber, AccountNumber accountNumber, Eic eic, string address, string settlement, Instant createdAt)
    {
        Id = id;
        Kind = kind;
        DsoCode = dsoCode;
        RequesterReference = requesterReference;
        WorkingDaysAllowed = workingDaysAllowed;
        ApplicationNumber = applicationNumber;
        AccountNumber = accountNumber;
        Eic = eic;
        Address = address;
        Settlement = settlement;
        CreatedAt = createdAt;
    }

    /// <summary>The id the DSO knows the order by (the <c>requestId</c> of docs/dso-protocol.md).</summary>
    public Guid Id { get; private set; }

    public WorkOrderKind Kind { get; private set; }

    public DsoCode DsoCode { get; private set; }

    /// <summary>The id the requester gave (for a restoration, the application's id); events carry it back.</summary>
    public Guid RequesterReference { get; private set; }

    public int WorkingDaysAllowed { get; private set; }

    /// <summary>The number customers, operators and the DSO quote, e.g. <c>VN-2026-000042</c>.</summary>
    public string ApplicationNumber { get; private set; }

    public AccountNumber AccountNumber { get; private set; }

    public Eic Eic { get; private set; }

    public string Address { get; private set; }

    /// <summary><c>city</c> or <c>rural</c>.</summary>
    public string Settlement { get; private set; }

    public WorkOrderStatus Status { get; private set; }

    public Instant CreatedAt { get; private set; }

    public Instant? ReceivedAt { get; private set; }

    /// <summary>The last working day (Kyiv) by which the DSO must complete; set when it acknowledged.</summary>
    public LocalDate? Deadline { get; private set; }

    public Instant? CompletedAt { get; private set; }

    public Instant? RejectedAt { get; private set; }

    public string? RejectionReason { get; private set; }

    /// <summary>When the supplier withdrew the order (<see cref="Cancel"/>), and why.</summary>
    public Instant? CancelledAt { get; private set; }

    public string? CancellationReason { get; private set; }

    /// <summary>When the DSO was reminded of the approaching deadline (<c>Sla:Reminder</c>); null until then.</summary>
    public Instant? RemindedAt { get; private set; }

    /// <summary>Changes with every state change, so two reports racing on one order cannot both win.</summary>
    public uint Version { get; private set; }

    public static WorkOrder Place(WorkOrderPlacement placement, Instant now)
    {
        if (placement.WorkingDaysAllowed <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(placement), placement.WorkingDaysAllowed, "A work order allows at least one working day.");
        }

        var subject = placement.Subject;
        return new WorkOrder(placement.Id, placement.Kind, placement.DsoCode, placement.RequesterReference, placement.WorkingDaysAllowed,
            subject.ApplicationNumber, subject.AccountNumber, subject.Eic, subject.Address, subject.Settlement, now)
        {
            Status = WorkOrderStatus.Pending,
        };
    }

    /// <summary>
    /// The DSO acknowledged at <paramref name="at"/>; the deadline runs to <paramref name="deadline"/>. An
    /// acknowledgement overtaken by the outcome (the two travel independently) keeps its time and deadline once,
    /// since the requester's rules (an SLA breach) are judged by them; either arrival order ends in the same state.
    /// </summary>
    public WorkOrderOutcome Receive(Instant at, LocalDate deadline)
    {
        if (Status is WorkOrderStatus.Completed or WorkOrderStatus.Rejected or WorkOrderStatus.Cancelled)
        {
            if (ReceivedAt is not null)
            {
                return WorkOrderOutcome.Nothing;
            }

            ReceivedAt = at;
            Deadline = deadline;
            Version++;
            return WorkOrderOutcome.LateReceipt;
        }

        Move(WorkOrderStatus.Received, "received");
        ReceivedAt = at;
        Deadline = deadline;
        return WorkOrderOutcome.Applied;
    }

    public void Complete(Instant at)
    {
        Move(WorkOrderStatus.Completed, "completed");
        CompletedAt = at;
    }

    public void Reject(Instant at, string reason)
    {
        WorkOrderStateMachine.Ensure(Status, WorkOrderStatus.Rejected, "rejected");
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new BusinessRuleException("reason_required", "Вкажіть причину відмови — її побачить клієнт.")
            { Category = RefusalCategory.InvalidInput };
        }

        Move(WorkOrderStatus.Rejected, "rejected");
        RejectedAt = at;
        RejectionReason = reason.Trim();
    }

    /// <summary>
    /// The supplier withdraws the order before the DSO reported its outcome (PRRE 7.5: a customer who paid is not
    /// disconnected). False, and nothing changes, when the DSO already reported it or it was withdrawn before.
    /// </summary>
    public bool Cancel(Instant at, string reason)
    {
        if (!WorkOrderStateMachine.CanMove(Status, WorkOrderStatus.Cancelled))
        {
            return false;
        }

        Move(WorkOrderStatus.Cancelled, "cancelled");
        CancelledAt = at;
        CancellationReason = reason;
        return true;
    }

    /// <summary>Reminds the DSO of the deadline: only an acknowledged order not yet finished, and only once.</summary>
    public bool Remind(Instant now)
    {
        if (Status != WorkOrderStatus.Received || Deadline is null || RemindedAt is not null)
        {
            return false;
        }

        RemindedAt = now;
        Version++;
        return true;
    }

    /// <summary>Whether <paramref name="eventType"/> (<c>received</c>, <c>completed</c>, <c>rejected</c>) would repeat what the order says, or a final state overtook it.</summary>
    public bool AlreadyReports(string eventType) => eventType switch
    {
        "received" => ReceivedAt is not null || Status is WorkOrderStatus.Completed or WorkOrderStatus.Rejected,
        "completed" => Status is WorkOrderStatus.Completed,
        "rejected" => Status is WorkOrderStatus.Rejected,
        _ => false,
    };

    private void Move(WorkOrderStatus next, string eventName)
    {
        WorkOrderStateMachine.Ensure(Status, next, eventName);
        Status = next;
        Version++;
    }
}

/// <summary>
/// The transitions of <see cref="WorkOrderStatus"/>: the DSO may report the outcome without acknowledging first; the
/// supplier may cancel until the DSO reported the outcome.
/// </summary>
internal static class WorkOrderStateMachine
{
    private static readonly HashSet<(WorkOrderStatus From, WorkOrderStatus To)> Allowed =
    [
        (WorkOrderStatus.Pending, WorkOrderStatus.Received),
        (WorkOrderStatus.Pending, WorkOrderStatus.Completed),
        (WorkOrderStatus.Pending, WorkOrderStatus.Rejected),
        (WorkOrderStatus.Received, WorkOrderStatus.Completed),
        (WorkOrderStatus.Received, WorkOrderStatus.Rejected),
        (WorkOrderStatus.Pending, WorkOrderStatus.Cancelled),
        (WorkOrderStatus.Received, WorkOrderStatus.Cancelled),
    ];

    public static bool CanMove(WorkOrderStatus from, WorkOrderStatus to) => Allowed.Contains((from, to));

    internal static void Ensure(WorkOrderStatus from, WorkOrderStatus to, string eventName)
    {
        if (!CanMove(from, to))
        {
            throw new BusinessRuleException("dso_event_not_allowed",
                "Подію «{0}» не можна застосувати: заявка вже має статус «{1}».", eventName, from.ToApiName());
        }
    }
}

internal static class WorkOrderNames
{
    public static string ToApiName(this WorkOrderStatus status) => status.ToString().ToLowerInvariant();

    public static string ToApiName(this WorkOrderKind kind) => kind.ToString().ToLowerInvariant();

    public static bool TryParseApiName(string? name, out WorkOrderStatus status) => TryParse(name, ToApiName, out status);

    public static bool TryParseApiName(string? name, out WorkOrderKind kind) => TryParse(name, ToApiName, out kind);

    private static bool TryParse<T>(string? name, Func<T, string> apiName, out T value)
        where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (apiName(candidate) == name)
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }
}
