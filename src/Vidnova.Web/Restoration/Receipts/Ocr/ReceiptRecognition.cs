using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;

namespace Vidnova.Restoration.Receipts.Ocr;

internal enum RecognitionStatus
{
    Pending,
    Done,
    Failed,
}

/// <summary>
/// Optical character recognition of a photo or scanned receipt, queued with the receipt and done in the background
/// (it takes seconds). Its text only pre-fills what the operator checks: a recognised receipt is never approved
/// automatically, because OCR misreads digits.
/// </summary>
internal sealed class ReceiptRecognition
{
    public const int MaxAttempts = 3;

    private ReceiptRecognition(Guid receiptId, Guid applicationId, Instant createdAt)
    {
        ReceiptId = receiptId;
        ApplicationId = applicationId;
        CreatedAt = createdAt;
    }

    public Guid ReceiptId { get; private set; }

    public Guid ApplicationId { get; private set; }

    public Instant CreatedAt { get; private set; }

    public RecognitionStatus Status { get; private set; }

    public int Attempts { get; private set; }

    public string? Text { get; private set; }

    public string? LastError { get; private set; }

    public Instant? RecognizedAt { get; private set; }

    /// <summary>The worker instance recognising it now; another instance takes it over when the claim lapses.</summary>
    public string? ClaimedBy { get; private set; }

    public Instant? ClaimedUntil { get; private set; }

    public static ReceiptRecognition Queue(Guid receiptId, Guid applicationId, Instant now) => new(receiptId, applicationId, now);

    public void Recognised(string text, Instant at)
    {
        Status = RecognitionStatus.Done;
        Text = text.Length > 20_000 ? text[..20_000] : text;
        RecognizedAt = at;
        LastError = null;
        ClaimedBy = null;
        ClaimedUntil = null;
    }

    public void Failed(string error)
    {
        Attempts++;
        LastError = error.Length > 1000 ? error[..1000] : error;
        Status = Attempts >= MaxAttempts ? RecognitionStatus.Failed : RecognitionStatus.Pending;
        ClaimedBy = null;
        ClaimedUntil = null;
    }
}

internal sealed class ReceiptRecognitionConfiguration : IEntityTypeConfiguration<ReceiptRecognition>
{
    public void Configure(EntityTypeBuilder<ReceiptRecognition> builder)
    {
        builder.ToTable("receipt_recognitions");
        builder.HasKey(r => r.ReceiptId);
        builder.Property(r => r.ReceiptId).ValueGeneratedNever();
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(10);
        builder.Property(r => r.LastError).HasMaxLength(1000);
        builder.Property(r => r.ClaimedBy).HasMaxLength(120);
        builder.HasIndex(r => new { r.Status, r.CreatedAt });
    }
}
