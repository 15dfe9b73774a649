using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;

namespace Vidnova.InboundMail;

/// <summary>What became of an email that arrived in the supplier's reply mailbox.</summary>
public enum InboundEmailOutcome
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
}

/// <summary>
/// An email received from a customer (by IMAP or pushed over HTTP), recorded once per message however often it is
/// delivered, with how it was matched and what was done. Its bytes are kept verbatim in <see cref="InboundEmailContent"/>.
/// </summary>
public sealed class InboundEmail
{
    private InboundEmail(Guid id, string deduplicationKey, string? messageId, string from, string subject, string source, long sizeBytes, Instant receivedAt)
    {
        Id = id;
        DeduplicationKey = deduplicationKey;
        MessageId = messageId;
        From = from;
        Subject = subject;
        Source = source;
        SizeBytes = sizeBytes;
        ReceivedAt = receivedAt;
        Reason = "";
    }

    public Guid Id { get; private set; }

    /// <summary><c>mid:&lt;Message-ID&gt;</c>, or <c>sha256:&lt;hash of the bytes&gt;</c> for a message without one.</summary>
    public string DeduplicationKey { get; private set; }

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

    public static InboundEmail Received(Guid id, string deduplicationKey, string? messageId, string from, string subject, string source,
        long sizeBytes, Instant at) =>
        new(id, deduplicationKey, Shorten(messageId, 998), Shorten(from, 254) ?? "", Shorten(subject, 300) ?? "", source, sizeBytes, at);

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
        NeedsAttention = outcome is InboundEmailOutcome.Unmatched or InboundEmailOutcome.NotAccepted or InboundEmailOutcome.NoReceipt;
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
}

/// <summary>The email exactly as it arrived (evidence); only its header when it was too large to read.</summary>
public sealed class InboundEmailContent(Guid inboundEmailId, byte[] raw, bool headersOnly)
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
