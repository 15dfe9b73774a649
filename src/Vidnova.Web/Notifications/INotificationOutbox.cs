using NodaTime;

namespace Vidnova.Notifications;

/// <summary>
/// A notification as the capability that sends it renders it from its own template: one message per
/// <see cref="DeduplicationKey"/>, to <see cref="Recipient"/>, about the case named by <see cref="CorrelationId"/>.
/// </summary>
public sealed record Notification(string DeduplicationKey, EmailContent Content, string Recipient, Guid? CorrelationId, Instant CreatedAt)
{
    /// <summary>Where replies go: the case's plus-address (see <see cref="Notifications.ReplyAddress"/>), if one is configured.</summary>
    public string? ReplyTo { get; init; }

    /// <summary>The Message-ID of the customer's email this one answers, so their mail app shows it in that thread.</summary>
    public string? InReplyTo { get; init; }

    /// <summary>An automatic answer to an incoming email: marked so (RFC 3834) that mail robots do not answer back.</summary>
    public bool IsAutoReply { get; init; }
}

public sealed record EmailContent(string Subject, string HtmlBody, string TextBody);

/// <summary>
/// The notification outbox, published for the capabilities that notify someone: they queue what they rendered and
/// ask what they queued; the outbox rows stay Notifications' own. <see cref="Enqueue"/> stages the notification in
/// the caller's unit of work, so it is saved by the caller's <c>SaveChangesAsync</c> in the same transaction as the
/// state change that caused it (a second one with the same key fails that save); notifying the <see cref="OutboxSignal"/>
/// after the commit sends it without waiting for the next poll.
/// </summary>
public interface INotificationOutbox
{
    void Enqueue(Notification notification);

    /// <summary>Whether a notification with this key was queued (sent or not).</summary>
    Task<bool> IsQueuedAsync(string deduplicationKey, CancellationToken cancellationToken);

    /// <summary>When the notifications of a case whose key starts with <paramref name="keyPrefix"/> were queued after <paramref name="since"/>, oldest first.</summary>
    Task<IReadOnlyList<Instant>> QueuedSinceAsync(Guid correlationId, string keyPrefix, Instant since, CancellationToken cancellationToken);

    /// <summary>The case one of these notifications belongs to (e.g. the ones a customer's email replies to); null when none names a case.</summary>
    Task<Guid?> CorrelationOfAnyAsync(IReadOnlyCollection<Guid> notificationIds, CancellationToken cancellationToken);

    /// <summary>The Message-ID and the time sent (null until it went out) of each of these notifications that was queued.</summary>
    Task<IReadOnlyDictionary<string, NotificationDeliveryProof>> DeliveriesAsync(IReadOnlyCollection<string> deduplicationKeys, CancellationToken cancellationToken);

    /// <summary>How many notifications have not gone out yet.</summary>
    Task<int> CountUnsentAsync(CancellationToken cancellationToken);
}

/// <summary>What proves a notification went out: the Message-ID it carries and when the mail server accepted it.</summary>
public sealed record NotificationDeliveryProof(string MessageId, Instant? SentAt);

/// <summary>
/// The RFC 5322 Message-ID a notification goes out with, so that a reply's <c>In-Reply-To</c> or <c>References</c>
/// names the notification it answers.
/// </summary>
public static class NotificationMessageId
{
    private const string Domain = "vidnova";

    public static string Of(Guid notificationId) => $"{notificationId:N}@{Domain}";

    /// <summary>The id of our own notification that <paramref name="messageId"/> names, if it is one of ours.</summary>
    public static Guid? Parse(string messageId)
    {
        var at = messageId.IndexOf('@', StringComparison.Ordinal);
        return at == 32 && messageId[(at + 1)..].Equals(Domain, StringComparison.OrdinalIgnoreCase)
            && Guid.TryParseExact(messageId[..at], "N", out var id)
            ? id
            : null;
    }
}
