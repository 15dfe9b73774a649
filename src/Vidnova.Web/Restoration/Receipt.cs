using NodaTime;

namespace Vidnova.Restoration;

internal enum ReceiptDecision
{
    Pending,
    Approved,
    Rejected,
}

/// <summary>
/// A proof of payment of the restoration invoice. The file itself lives in <see cref="ReceiptFile"/> so that
/// loading an application never loads megabytes of images.
/// </summary>
internal sealed class Receipt
{
    private Receipt(Guid id, string fileName, string contentType, long sizeBytes, string sha256, Instant receivedAt, Guid? sourceEmailId)
    {
        Id = id;
        SourceEmailId = sourceEmailId;
        FileName = fileName;
        ContentType = contentType;
        SizeBytes = sizeBytes;
        Sha256 = sha256;
        ReceivedAt = receivedAt;
    }

    public Guid Id { get; private set; }

    public string FileName { get; private set; }

    public string ContentType { get; private set; }

    public long SizeBytes { get; private set; }

    public string Sha256 { get; private set; }

    public Instant ReceivedAt { get; private set; }

    /// <summary>The customer's email the receipt was attached to, kept verbatim as evidence; null for an upload.</summary>
    public Guid? SourceEmailId { get; private set; }

    public ReceiptDecision Decision { get; private set; }

    public string? DecidedBy { get; private set; }

    public Instant? DecidedAt { get; private set; }

    public string? RejectionReason { get; private set; }

    public static Receipt Received(Guid id, string fileName, string contentType, long sizeBytes, string sha256, Instant at,
        Guid? sourceEmailId = null) =>
        new(id, fileName, contentType, sizeBytes, sha256, at, sourceEmailId);

    internal void Approve(string actor, Instant at)
    {
        Decision = ReceiptDecision.Approved;
        DecidedBy = actor;
        DecidedAt = at;
    }

    internal void Reject(string actor, string reason, Instant at)
    {
        Decision = ReceiptDecision.Rejected;
        DecidedBy = actor;
        DecidedAt = at;
        RejectionReason = reason;
    }
}

/// <summary>The bytes of a receipt exactly as the customer sent them (evidence).</summary>
internal sealed class ReceiptFile(Guid receiptId, byte[] content)
{
    public Guid ReceiptId { get; private set; } = receiptId;

    public byte[] Content { get; private set; } = content;
}

/// <summary>Recognises the receipt formats we accept by their first bytes, not by the name the file came with.</summary>
public static class ReceiptFormat
{
    public const long MaxBytes = 10 * 1024 * 1024;

    private static readonly byte[] JpegMagic = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] PngMagic = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The formats a receipt may come in; HEIC is what iPhones save photos as, stored as sent.</summary>
    public const string Accepted = "PDF, JPEG, PNG, HEIC";

    /// <summary>
    /// What people are told a receipt may be — the page's hint, the invoice email, the auto-reply and the refusals say
    /// these same words, so no two of them disagree about HEIC or the size (<see cref="DetectContentType"/>, <see cref="MaxBytes"/>).
    /// </summary>
    public const string Described = "PDF з банківського застосунку або фото чи скриншот у JPEG, PNG або HEIC, до 10 МБ";

    /// <summary>The file input's accept list: the same formats as <see cref="DetectContentType"/> by type and by extension.</summary>
    public const string AcceptAttribute = "application/pdf,image/jpeg,image/png,image/heic,image/heif,.pdf,.jpg,.jpeg,.png,.heic,.heif";

    // ISO BMFF brands of HEIF still images (ISO/IEC 23008-12): an "ftyp" box at offset 4 naming one of them.
    private static readonly string[] HeifBrands = ["heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1"];

    public static string? DetectContentType(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("%PDF-"u8))
        {
            return "application/pdf";
        }

        if (head.StartsWith(JpegMagic))
        {
            return "image/jpeg";
        }

        if (head.StartsWith(PngMagic))
        {
            return "image/png";
        }

        if (head.Length >= 12 && head[4..8].SequenceEqual("ftyp"u8)
            && HeifBrands.Contains(System.Text.Encoding.ASCII.GetString(head[8..12])))
        {
            return "image/heic";
        }

        return null;
    }
}
