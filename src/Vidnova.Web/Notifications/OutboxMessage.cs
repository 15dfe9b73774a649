using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;

namespace Vidnova.Notifications;

/// <summary>
/// A notification waiting to go out to its <see cref="Recipient"/> by its <see cref="Channel"/>. It is written in the
/// same transaction as the state change that caused it and sent afterwards by <see cref="NotificationDelivery"/>;
/// <see cref="DeduplicationKey"/> keeps one message per cause. The capability that sends it owns its template and
/// names the case it belongs to by <see cref="CorrelationId"/>; Notifications knows nothing of that case.
/// </summary>
internal sealed class OutboxMessage
{
    private OutboxMessage(Guid id, string deduplicationKey, string channel, string recipient, string subject, string htmlBody, string textBody,
        Guid? correlationId, Instant createdAt)
    {
        Id = id;
        DeduplicationKey = deduplicationKey;
        Channel = channel;
        Recipient = recipient;
        Subject = subject;
        HtmlBody = htmlBody;
        TextBody = textBody;
        CorrelationId = correlationId;
        CreatedAt = createdAt;
        NextAttemptAt = createdAt;
    }

    public Guid Id { get; private set; }

    public string DeduplicationKey { get; private set; }

    /// <summary>The <see cref="INotificationChannel"/> it goes out by, e.g. <see cref="EmailChannel.ChannelName"/>.</summary>
    public string Channel { get; private set; }

    /// <summary>Whom it goes to, in the channel's terms: an email address for email.</summary>
    public string Recipient { get; private set; }

    public string Subject { get; private set; }

    public string HtmlBody { get; private set; }

    public string TextBody { get; private set; }

    /// <summary>The case of the sending capability this notification belongs to (e.g. a restoration application's id).</summary>
    public Guid? CorrelationId { get; private set; }

    public Instant CreatedAt { get; private set; }

    public Instant NextAttemptAt { get; private set; }

    public int Attempts { get; private set; }

    public Instant? SentAt { get; private set; }

    public string? LastError { get; private set; }

    /// <summary>The worker instance that is sending this message now (see <see cref="OutboxClaims"/>).</summary>
    public string? ClaimedBy { get; private set; }

    /// <summary>When an unfinished claim lapses, so that a crashed instance's work is picked up by another.</summary>
    public Instant? ClaimedUntil { get; private set; }

    /// <summary>Where replies go: the case's plus-address (see <see cref="Notifications.ReplyAddress"/>), if one is configured.</summary>
    public string? ReplyTo { get; private set; }

    /// <summary>The Message-ID of the customer's email this one answers, so their mail app shows it in that thread.</summary>
    public string? InReplyTo { get; private set; }

    /// <summary>An automatic answer to an incoming email: marked so (RFC 3834) that mail robots do not answer back.</summary>
    public bool IsAutoReply { get; private set; }

    /// <summary>The RFC 5322 Message-ID the email goes out with, so replies can be threaded back to it.</summary>
    public string MessageId => NotificationMessageId.Of(Id);

    /// <summary>The row that queues <paramref name="notification"/> by email.</summary>
    public static OutboxMessage For(Notification notification) =>
        new(Guid.NewGuid(), notification.DeduplicationKey, EmailChannel.ChannelName, notification.Recipient, notification.Content.Subject,
            notification.Content.HtmlBody, notification.Content.TextBody, notification.CorrelationId, notification.CreatedAt)
        {
            ReplyTo = notification.ReplyTo,
            InReplyTo = notification.InReplyTo,
            IsAutoReply = notification.IsAutoReply,
        };

    public void MarkSent(Instant at)
    {
        SentAt = at;
        LastError = null;
        ReleaseClaim();
    }

    /// <summary>Exponential backoff: 30 s, 1 min, 2 min … capped at an hour between attempts.</summary>
    public void MarkFailed(string error, Instant at)
    {
        Attempts++;
        LastError = error.Length > 1000 ? error[..1000] : error;
        var delaySeconds = Math.Min(3600, 30 * Math.Pow(2, Attempts - 1));
        NextAttemptAt = at + Duration.FromSeconds(delaySeconds);
        ReleaseClaim();
    }

    private void ReleaseClaim()
    {
        ClaimedBy = null;
        ClaimedUntil = null;
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("outbox_messages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.DeduplicationKey).HasMaxLength(200);
        builder.HasIndex(m => m.DeduplicationKey).IsUnique();
        builder.Property(m => m.Channel).HasMaxLength(20).HasDefaultValue(EmailChannel.ChannelName);
        // A chat id fits as well as an email address.
        builder.Property(m => m.Recipient).HasMaxLength(254);
        builder.Property(m => m.Subject).HasMaxLength(300);
        builder.Property(m => m.LastError).HasMaxLength(1000);
        builder.HasIndex(m => new { m.SentAt, m.NextAttemptAt });
        builder.Property(m => m.ClaimedBy).HasMaxLength(120);
        builder.Property(m => m.ReplyTo).HasMaxLength(254);
        builder.Property(m => m.InReplyTo).HasMaxLength(998);
        builder.HasIndex(m => m.CorrelationId);
        builder.Ignore(m => m.MessageId);
    }
}
