using NodaTime;

namespace Vidnova.Restoration;

public enum DsoRequestStatus
{
    Pending,
    Received,
    Completed,
    Rejected,
}

/// <summary>
/// The application's reference to its restoration work order at the DSO (<see cref="Dso.WorkOrders.WorkOrder"/>,
/// КСР 11.5.23), and what the application's own rules need of it: the status its own follows, the deadline and
/// completion time the SLA breach and compensation are judged by, the rejection reason the customer is told. Kept
/// up to date by <see cref="DsoEvents.RestorationWorkOrderObserver"/>; the work order itself is the DSO exchange's.
/// </summary>
internal sealed class DsoRequest
{
    private DsoRequest(Guid id, Instant createdAt)
    {
        Id = id;
        CreatedAt = createdAt;
    }

    /// <summary>The work order's id, which the DSO knows the request by.</summary>
    public Guid Id { get; private set; }

    public DsoRequestStatus Status { get; private set; }

    public Instant CreatedAt { get; private set; }

    public Instant? ReceivedAt { get; private set; }

    /// <summary>The last working day (Kyiv) by which supply must be restored.</summary>
    public LocalDate? Deadline { get; private set; }

    public Instant? CompletedAt { get; private set; }

    public Instant? RejectedAt { get; private set; }

    public string? RejectionReason { get; private set; }

    internal static DsoRequest Create(Guid workOrderId, Instant createdAt) => new(workOrderId, createdAt);

    internal void MarkReceived(Instant at, LocalDate deadline)
    {
        Status = DsoRequestStatus.Received;
        ReceivedAt = at;
        Deadline = deadline;
    }

    /// <summary>The acknowledgement that arrived after the outcome: its time and deadline, the status stays the outcome.</summary>
    internal void RecordLateReceipt(Instant at, LocalDate deadline)
    {
        ReceivedAt = at;
        Deadline = deadline;
    }

    internal void MarkCompleted(Instant at)
    {
        Status = DsoRequestStatus.Completed;
        CompletedAt = at;
    }

    internal void MarkRejected(Instant at, string reason)
    {
        Status = DsoRequestStatus.Rejected;
        RejectedAt = at;
        RejectionReason = reason;
    }
}

public static class DsoRequestStatusNames
{
    public static string ToApiName(this DsoRequestStatus status) => status.ToString().ToLowerInvariant();

    public static bool TryParseApiName(string? name, out DsoRequestStatus status)
    {
        foreach (var candidate in Enum.GetValues<DsoRequestStatus>())
        {
            if (candidate.ToApiName() == name)
            {
                status = candidate;
                return true;
            }
        }

        status = default;
        return false;
    }
}
