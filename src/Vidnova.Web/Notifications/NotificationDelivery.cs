using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Vidnova.Outbox;
using Vidnova.Persistence;

namespace Vidnova.Notifications;

/// <summary>
/// Sends due notifications (through the <see cref="OutboxWorker{TRow}"/>) by each one's channel; a failed send is
/// retried with backoff and never lost. All notifications share one lane, oldest first.
/// </summary>
internal sealed class NotificationDelivery(
    IEnumerable<INotificationChannel> channels,
    OutboxSignal signal,
    IOptionsMonitor<MailOptions> options,
    IClock clock,
    ILogger<NotificationDelivery> logger) : IOutboxChannel<OutboxMessage>
{
    private const string OnlyLane = "notifications";

    /// <summary>Long enough for a slow SMTP server to take a whole batch; the worker renews it while it sends.</summary>
    private static readonly Duration ClaimLease = Duration.FromMinutes(5);

    private readonly Dictionary<string, INotificationChannel> _channels = channels.ToDictionary(c => c.Name);

    public string Name => "Notification outbox";

    public OutboxWakeUp Signal => signal;

    public OutboxSchedule Schedule => new(true, TimeSpan.FromSeconds(Math.Max(1, options.CurrentValue.OutboxPollSeconds)), ClaimLease, 1);

    public LeaseClaims Claims(VidnovaDbContext db) => new OutboxClaims(db);

    public async Task<IReadOnlyList<string>> DueLanesAsync(VidnovaDbContext db, IReadOnlyCollection<string> busy, int limit, Instant now,
        CancellationToken cancellationToken) =>
        limit > 0 && !busy.Contains(OnlyLane) && await db.Set<OutboxMessage>().AnyAsync(
            m => m.SentAt == null && m.NextAttemptAt <= now && (m.ClaimedUntil == null || m.ClaimedUntil < now), cancellationToken)
            ? [OnlyLane]
            : [];

    public Task<IReadOnlyList<Guid>> ClaimAsync(VidnovaDbContext db, string lane, string owner, Instant now, Duration lease, int batchSize,
        CancellationToken cancellationToken) =>
        new OutboxClaims(db).ClaimDueAsync(owner, now, lease, batchSize, cancellationToken);

    public async Task<IReadOnlyList<OutboxAttempt>> PrepareAsync(VidnovaDbContext db, string lane, IReadOnlyList<Guid> claimed,
        CancellationToken cancellationToken)
    {
        var due = await db.Set<OutboxMessage>().Where(m => claimed.Contains(m.Id)).ToListAsync(cancellationToken);
        return [.. due.OrderBy(m => m.CreatedAt).Select(m => new OutboxAttempt(m.Id, ct => SendAsync(m, ct)))];
    }

    private async Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        try
        {
            var channel = _channels.GetValueOrDefault(message.Channel)
                ?? throw new InvalidOperationException($"No notification channel '{message.Channel}' is configured on this instance.");
            await channel.SendAsync(message, cancellationToken);
            message.MarkSent(clock.GetCurrentInstant());
            logger.LogInformation("Sent {Channel} notification {MessageId} to {Recipient}: {Subject}",
                message.Channel, message.MessageId, message.Recipient, message.Subject);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            message.MarkFailed(exception.Message, clock.GetCurrentInstant());
            logger.LogWarning(exception, "Could not send {Channel} notification {MessageId}; attempt {Attempts}",
                message.Channel, message.MessageId, message.Attempts);
        }
    }
}
