using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;

namespace Vidnova.InboundMail;

/// <summary>What became of an email that arrived in the supplier's reply mailbox.</summary>
internal enum InboundEmailOutcome
{
    /// <summary>A receipt from it was filed under its application.</summary>
    ReceiptFiled,

    /// <summary>It matched no application; an operator decides.</summary>
    Unmatched,

    /// <summary>It matched an application but carried no file we accept; the customer was told what to send.</summary>
    NoReceipt,

    /// <summary>It matched an application that does not take a receipt now (under review, sent to the DSO, closed).</summary>
    NotAccepted,

    /// <summary>Larger than <c>Mail:Inbound:MaxMessageBytes</c>: not read; the customer was asked for a smaller file.</summary>
    TooLarge,

    /// <summary>Stored as it arrived and not yet read (or being read now); it is concluded once read.</summary>
    Received,

    /// <summary>The reader process crashed, hit a limit or timed out on it (or the host stopped twice while reading it): an operator reads it.</summary>
    CouldNotRead,
}

/// <summary>
/// An email received from a customer (by IMAP or pushed over HTTP), recorded once per message however often it is
/// delivered, with how it was matched and what was done. Its bytes are kept verbatim in <see cref="InboundEmailContent"/>,
/// stored before anything reads them: a message that breaks the reader is concluded <see cref="InboundEmailOutcome.CouldNotRead"/>
/// once, never read again in a loop.
/// </summary>
internal sealed class InboundEmail
{
    /// <summary>The first read and one more after a crash left the email <see cref="InboundEmailOutcome.Received"/>.</summary>
    public const int MaxReadAttempts = 2;

    private InboundEmail(Guid id, string contentHash, string source, long sizeBytes, Instant receivedAt)
    {
        Id = id;
        ContentHash = contentHash;
        DeduplicationKey = "sha256:" + contentHash;
        From = "";
        Subject = "";
        Source = source;
        SizeBytes = sizeBytes;
        ReceivedAt = receivedAt;
        Outcome = InboundEmailOutcome.Received;
        Reason = "";
    }

    public Guid Id { get; private set; }

    /// <summary><c>mid:&lt;Message-ID&gt;</c>, or <c>sha256:&lt;hash of the bytes&gt;</c> for a message without one (and until it is read).</summary>
    public string DeduplicationKey { get; private set; }

    /// <summary>SHA-256 of the bytes as they arrived (hex): the same delivery is known again before it is parsed. Null for emails stored before it existed.</summary>
    public string? ContentHash { get; private set; }

    /// <summary>How often reading it was started; see <see cref="MaxReadAttempts"/>.</summary>
    public int ReadAttempts { get; private set; }

    public Instant? ReadStartedAt { get; private set; }

    public string? MessageId { get; private set; }

    /// <summary>The sender's address as written in <c>From</c>.</summary>
    public string From { get; private set; }

    public string Subject { get; private set; }

    /// <summary><c>imap</c> or <c>http</c>.</summary>
    public string Source { get; private set; }

    public long SizeBytes { get; private set; }

    public Instant ReceivedAt { get; private set; }

    public InboundEmailOutcome Outcome { get; private set; }

    /// <summary>What was done and why, in words an operator reads.</summary>
    public string Reason { get; private set; }

    public Guid? ApplicationId { get; private set; }

    public string? ApplicationNumber { get; private set; }

    /// <summary>How the application was found: <c>reply-address</c>, <c>in-reply-to</c>, <c>subject</c>, <c>body</c> or <c>operator</c>.</summary>
    public string? MatchedBy { get; private set; }

    public Guid? ReceiptId { get; private set; }

    /// <summary>An operator has to read it: it matched nothing, or it could not be acted on automatically.</summary>
    public bool NeedsAttention { get; private set; }

    public string? ResolvedBy { get; private set; }

    public Instant? ResolvedAt { get; private set; }

    public string? Resolution { get; private set; }

    public uint Version { get; private set; }

    /// <summary>The bytes arrived; nothing has read them yet.</summary>
    public static InboundEmail Received(Guid id, string contentHash, string source, long sizeBytes, Instant at) =>
        new(id, contentHash, source, sizeBytes, at);

    /// <summary>
    /// Whether this instance may read it now: not yet concluded, and not being read elsewhere — a read that started
    /// more than <paramref name="lease"/> ago was cut short by a crash.
    /// </summary>
    public bool MayBeRead(Instant now, Duration lease) =>
        Outcome == InboundEmailOutcome.Received && (ReadStartedAt is not { } started || now - started > lease);

    /// <summary>Starts a read, or concludes the email unread when reading it has already been started too often.</summary>
    /// <returns>Whether to read it.</returns>
    public bool StartReading(Instant now)
    {
        Version++;
        if (ReadAttempts >= MaxReadAttempts)
        {
            Conclude(InboundEmailOutcome.CouldNotRead,
                "Лист не вдалося прочитати автоматично: його читання двічі обірвалося. Оригінал збережено — відкрийте його й опрацюйте вручну.");
            return false;
        }

        ReadAttempts++;
        ReadStartedAt = now;
        return true;
    }

    /// <summary>
    /// What its headers say. The values are the customer's: control characters (NUL among them, which PostgreSQL
    /// refuses) become spaces and each is cut to its column, so any email can be stored.
    /// </summary>
    public void Read(string? messageId, string? from, string? subject)
    {
        MessageId = Clean(messageId, 998) is { Length: > 0 } id ? id : null;
        From = Clean(from, 254) ?? "";
        Subject = Clean(subject, 300) ?? "";
        if (MessageId is not null)
        {
            DeduplicationKey = "mid:" + Clean(MessageId, 990);
        }
    }

    public void Matched(Guid applicationId, string applicationNumber, string matchedBy)
    {
        ApplicationId = applicationId;
        ApplicationNumber = applicationNumber;
        MatchedBy = matchedBy;
    }

    public void Conclude(InboundEmailOutcome outcome, string reason, Guid? receiptId = null)
    {
        Outcome = outcome;
        Reason = Shorten(reason, 2000)!;
        ReceiptId = receiptId;
        NeedsAttention = outcome is InboundEmailOutcome.Unmatched or InboundEmailOutcome.NotAccepted or InboundEmailOutcome.NoReceipt
            or InboundEmailOutcome.CouldNotRead;
        Version++;
    }

    /// <summary>An operator dealt with it: filed its receipt by hand, or found nothing to do.</summary>
    public void Resolve(string actor, string resolution, Instant at)
    {
        NeedsAttention = false;
        ResolvedBy = actor;
        ResolvedAt = at;
        Resolution = Shorten(resolution, 1000);
        Version++;
    }

    private static string? Shorten(string? text, int max) => text is null || text.Length <= max ? text : text[..max];

    private static string? Clean(string? text, int max)
    {
        if (text is null)
        {
            return null;
        }

        var clean = string.Create(text.Length, text, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? ' ' : source[i];
            }
        }).Trim();
        var length = Math.Min(clean.Length, max);
        if (length < clean.Length && length > 0 && char.IsHighSurrogate(clean[length - 1]))
        {
            length--; // never half a character
        }

        return clean[..length];
    }
}

/// <summary>The email exactly as it arrived (evidence); only its header when it was too large to read.</summary>
internal sealed class InboundEmailContent(Guid inboundEmailId, byte[] raw, bool headersOnly)
{
    public Guid InboundEmailId { get; private set; } = inboundEmailId;

    public byte[] Raw { get; private set; } = raw;

    public bool HeadersOnly { get; private set; } = headersOnly;
}

internal sealed class InboundEmailConfiguration : IEntityTypeConfiguration<InboundEmail>
{
    public void Configure(EntityTypeBuilder<InboundEmail> builder)
    {
        builder.ToTable("inbound_emails");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.DeduplicationKey).HasMaxLength(1000);
        builder.HasIndex(e => e.DeduplicationKey).IsUnique();
        builder.Property(e => e.ContentHash).HasMaxLength(64);
        builder.HasIndex(e => e.ContentHash).IsUnique();
        builder.Property(e => e.MessageId).HasMaxLength(998);
        builder.Property(e => e.From).HasMaxLength(254);
        builder.Property(e => e.Subject).HasMaxLength(300);
        builder.Property(e => e.Source).HasMaxLength(10);
        builder.Property(e => e.Outcome).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.Reason).HasMaxLength(2000);
        builder.Property(e => e.ApplicationNumber).HasMaxLength(20);
        builder.Property(e => e.MatchedBy).HasMaxLength(20);
        builder.Property(e => e.ResolvedBy).HasMaxLength(120);
        builder.Property(e => e.Resolution).HasMaxLength(1000);
        builder.Property(e => e.Version).IsConcurrencyToken();
        builder.HasIndex(e => new { e.NeedsAttention, e.ReceivedAt });
        builder.HasIndex(e => e.ApplicationId);
    }
}

internal sealed class InboundEmailContentConfiguration : IEntityTypeConfiguration<InboundEmailContent>
{
    public void Configure(EntityTypeBuilder<InboundEmailContent> builder)
    {
        builder.ToTable("inbound_email_contents");
        builder.HasKey(c => c.InboundEmailId);
        builder.HasOne<InboundEmail>().WithOne().HasForeignKey<InboundEmailContent>(c => c.InboundEmailId);
    }
}
