using Microsoft.EntityFrameworkCore;
using NodaTime;
using Vidnova.Persistence;

namespace Vidnova.Notifications;

internal sealed class NotificationOutbox(VidnovaDbContext db) : INotificationOutbox
{
    public void Enqueue(Notification notification) => db.Add(OutboxMessage.For(notification));

    public Task<bool> IsQueuedAsync(string deduplicationKey, CancellationToken cancellationToken) =>
        db.Set<OutboxMessage>().AnyAsync(m => m.DeduplicationKey == deduplicationKey, cancellationToken);

    public async Task<IReadOnlyList<Instant>> QueuedSinceAsync(Guid correlationId, string keyPrefix, Instant since, CancellationToken cancellationToken) =>
        await db.Set<OutboxMessage>()
            .Where(m => m.CorrelationId == correlationId && m.CreatedAt > since && m.DeduplicationKey.StartsWith(keyPrefix))
            .Select(m => m.CreatedAt)
            .OrderBy(at => at)
            .ToListAsync(cancellationToken);

    public Task<Guid?> CorrelationOfAnyAsync(IReadOnlyCollection<Guid> notificationIds, CancellationToken cancellationToken) =>
        db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => notificationIds.Contains(m.Id) && m.CorrelationId != null)
            .Select(m => m.CorrelationId)
            .FirstOrDefaultAsync(cancellationToken);

    public async Task<IReadOnlyDictionary<string, NotificationDeliveryProof>> DeliveriesAsync(IReadOnlyCollection<string> deduplicationKeys,
        CancellationToken cancellationToken) =>
        deduplicationKeys.Count == 0
            ? new Dictionary<string, NotificationDeliveryProof>()
            : (await db.Set<OutboxMessage>().AsNoTracking()
                .Where(m => deduplicationKeys.Contains(m.DeduplicationKey))
                .Select(m => new { m.DeduplicationKey, m.Id, m.SentAt })
                .ToListAsync(cancellationToken))
            .ToDictionary(m => m.DeduplicationKey, m => new NotificationDeliveryProof(NotificationMessageId.Of(m.Id), m.SentAt));

    public Task<int> CountUnsentAsync(CancellationToken cancellationToken) =>
        db.Set<OutboxMessage>().CountAsync(m => m.SentAt == null, cancellationToken);
}
