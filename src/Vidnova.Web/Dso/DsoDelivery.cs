using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;

using Vidnova.Kernel;
using Vidnova.Outbox;

namespace Vidnova.Dso;

/// <summary>
/// A message waiting to reach a DSO by its channel (a webhook call or an email). Written in the
/// same transaction as the change that caused it, delivered afterwards by <see cref="DsoDeliveryChannel"/>,
/// retried with backoff and, after <see cref="DsoDeliveryOptions.MaxAttempts"/> failures, dead-lettered for staff.
/// </summary>
internal sealed class DsoDelivery
{
    public const string RestorationRequested = "restoration_requested";

    public const string DisconnectionRequested = "disconnection_requested";

    /// <summary>The supplier withdrew a disconnection order before the DSO acted: the debt was paid (PRRE 7.5).</summary>
    public const string DisconnectionCancelled = "disconnection_cancelled";

    /// <summary>The deadline is near and the DSO has not reported the reconnection (see <c>Sla:Reminder</c>).</summary>
    public const string Reminder = "reminder";

    private DsoDelivery(Guid id, Guid workOrderId, DsoCode dsoCode, string eventType, string idempotencyKey, string payload, Instant createdAt)
    {
        Id = id;
        WorkOrderId = workOrderId;
        DsoCode = dsoCode;
        EventType = eventType;
        IdempotencyKey = idempotencyKey;
        Payload = payload;
        CreatedAt = createdAt;
        NextAttemptAt = createdAt;
    }

    public Guid Id { get; private set; }

    /// <summary>The work order (<see cref="WorkOrders.WorkOrder"/>) this delivery carries; the DSO knows it as <c>requestId</c>.</summary>
    public Guid WorkOrderId { get; private set; }

    public DsoCode DsoCode { get; private set; }

    public string EventType { get; private set; }

    /// <summary>Stable per request and event, sent as <c>Idempotency-Key</c> so the DSO can drop repeats.</summary>
    public string IdempotencyKey { get; private set; }

    /// <summary>The JSON body, fixed when written, so every attempt sends the same bytes.</summary>
    public string Payload { get; private set; }

    public Instant CreatedAt { get; private set; }

    public Instant NextAttemptAt { get; private set; }

    public int Attempts { get; private set; }

    public string? LastError { get; private set; }

    public Instant? DeliveredAt { get; private set; }

    public Instant? DeadLetteredAt { get; private set; }

    public string? ClaimedBy { get; private set; }

    /// <summary>Who last put this dead letter back in the queue (<c>staff:…</c>), and when.</summary>
    public string? RetriedBy { get; private set; }

    public Instant? RetriedAt { get; private set; }

    public Instant? ClaimedUntil { get; private set; }

    public bool IsPending => DeliveredAt is null && DeadLetteredAt is null;

    public static string IdempotencyKeyFor(Guid workOrderId, string eventType) => $"{workOrderId:N}.{eventType}";

    public static DsoDelivery Create(Guid workOrderId, DsoCode dsoCode, string eventType, string payload, Instant now) =>
        new(Guid.NewGuid(), workOrderId, dsoCode, eventType, IdempotencyKeyFor(workOrderId, eventType), payload, now);

    /// <summary>The event that carries a newly placed order of <paramref name="kind"/>.</summary>
    public static string RequestedEventOf(WorkOrders.WorkOrderKind kind) => kind switch
    {
        WorkOrders.WorkOrderKind.Restoration => RestorationRequested,
        WorkOrders.WorkOrderKind.Disconnection => DisconnectionRequested,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The event that withdraws an order of <paramref name="kind"/>.</summary>
    public static string CancelledEventOf(WorkOrders.WorkOrderKind kind) => kind switch
    {
        WorkOrders.WorkOrderKind.Disconnection => DisconnectionCancelled,
        _ => $"{kind.ToString().ToLowerInvariant()}_cancelled",
    };

    public void MarkDelivered(Instant at)
    {
        Attempts++;
        DeliveredAt = at;
        LastError = null;
        ReleaseClaim();
    }

    /// <summary>A failed attempt: due again after <paramref name="retryAfter"/>, or dead-lettered when it was the last one allowed.</summary>
    public void MarkFailed(string error, Instant at, int maxAttempts, Duration retryAfter)
    {
        Attempts++;
        LastError = error.Length > 1000 ? error[..1000] : error;
        if (Attempts >= maxAttempts)
        {
            DeadLetteredAt = at;
        }
        else
        {
            NextAttemptAt = at + retryAfter;
        }

        ReleaseClaim();
    }

    /// <summary>
    /// Staff put a dead letter back in the queue (after the DSO fixed its endpoint), with a fresh set of attempts.
    /// False, and nothing changes, when it is not dead-lettered (already retried, or delivered).
    /// </summary>
    public bool Retry(string actor, Instant now)
    {
        if (DeadLetteredAt is null)
        {
            return false;
        }

        DeadLetteredAt = null;
        Attempts = 0;
        NextAttemptAt = now;
        RetriedBy = actor;
        RetriedAt = now;
        return true;
    }

    private void ReleaseClaim()
    {
        ClaimedBy = null;
        ClaimedUntil = null;
    }
}

/// <summary>Wakes the DSO deliveries' <see cref="OutboxWorker{TRow}"/> when a request commits new deliveries.</summary>
internal sealed class DsoDeliverySignal : OutboxWakeUp;

/// <summary>
/// Exponential backoff with "full jitter": attempt n waits a random time between half and all of
/// <c>min(cap, base · 2^(n-1))</c>, so many requests failing together do not come back together.
/// </summary>
internal static class DeliveryBackoff
{
    /// <param name="attempts">Failed attempts so far (1 after the first failure).</param>
    /// <param name="jitter">A number in [0, 1), e.g. <see cref="Random.NextDouble"/>.</param>
    public static Duration After(int attempts, Duration baseDelay, Duration maxDelay, double jitter)
    {
        var exponent = Math.Clamp(attempts - 1, 0, 30);
        var ceiling = Math.Min(maxDelay.TotalSeconds, baseDelay.TotalSeconds * Math.Pow(2, exponent));
        var seconds = ceiling * (0.5 + (0.5 * Math.Clamp(jitter, 0, 1)));
        return Duration.FromMilliseconds(Math.Round(seconds * 1000));
    }
}

/// <summary>An event id a DSO's callback carried, kept so a replayed or repeated callback has no second effect.</summary>
internal sealed class DsoCallbackEvent
{
    private DsoCallbackEvent(DsoCode dsoCode, string eventId, Guid requestId, string type, Instant receivedAt)
    {
        DsoCode = dsoCode;
        EventId = eventId;
        RequestId = requestId;
        Type = type;
        ReceivedAt = receivedAt;
    }

    public DsoCode DsoCode { get; private set; }

    public string EventId { get; private set; }

    public Guid RequestId { get; private set; }

    public string Type { get; private set; }

    public Instant ReceivedAt { get; private set; }

    public static DsoCallbackEvent Seen(DsoCode dso, string eventId, Guid requestId, string type, Instant at) =>
        new(dso, eventId, requestId, type, at);
}

internal sealed class DsoDeliveryConfiguration : IEntityTypeConfiguration<DsoDelivery>
{
    public void Configure(EntityTypeBuilder<DsoDelivery> builder)
    {
        builder.ToTable("dso_deliveries");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.DsoCode).HasMaxLength(32);
        builder.Property(d => d.EventType).HasMaxLength(40);
        builder.Property(d => d.IdempotencyKey).HasMaxLength(100);
        builder.HasIndex(d => d.IdempotencyKey).IsUnique();
        builder.Property(d => d.LastError).HasMaxLength(1000);
        builder.Property(d => d.ClaimedBy).HasMaxLength(120);
        builder.Property(d => d.RetriedBy).HasMaxLength(120);
        // Two supervisors retrying the same dead letter at once: the second save finds it no longer dead-lettered.
        builder.Property(d => d.DeadLetteredAt).IsConcurrencyToken();
        builder.HasIndex(d => new { d.DeliveredAt, d.DeadLetteredAt, d.NextAttemptAt });
        builder.HasIndex(d => d.WorkOrderId);
        builder.Ignore(d => d.IsPending);
    }
}

internal sealed class DsoCallbackEventConfiguration : IEntityTypeConfiguration<DsoCallbackEvent>
{
    public void Configure(EntityTypeBuilder<DsoCallbackEvent> builder)
    {
        builder.ToTable("dso_callback_events");
        builder.HasKey(e => new { e.DsoCode, e.EventId });
        builder.Property(e => e.DsoCode).HasMaxLength(32);
        builder.Property(e => e.EventId).HasMaxLength(100);
        builder.Property(e => e.Type).HasMaxLength(20);
    }
}
