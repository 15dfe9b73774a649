using MimeKit;
using Vidnova.Restoration;

namespace Vidnova.InboundMail;

public enum AttachmentRefusal
{
    TooLarge,
    Archive,
    Program,
    UnsupportedType,
}

/// <summary>A file found in an email: a receipt we can take, or one we refused and why.</summary>
internal sealed record EmailAttachment(string FileName, long SizeBytes, string? ContentType, byte[]? Content, AttachmentRefusal? Refusal)
{
    public bool IsReceipt => Refusal is null;
}

/// <summary>The files of an email, the likeliest receipt first.</summary>
internal sealed record AttachmentScan(IReadOnlyList<EmailAttachment> Receipts, IReadOnlyList<EmailAttachment> Refused);

/// <summary>
/// Finds the files in a customer's email wherever the mail app put them: attachments, inline images, and inside
/// forwarded messages or attached <c>.eml</c> files. Each file's type is recognised from its bytes, not its name.
/// </summary>
internal static class EmailAttachments
{
    /// <summary>Inline images smaller than this are signature logos and tracking pixels, not photos of receipts.</summary>
    public const int SmallestInlineImageBytes = 10 * 1024;

    private const int MaxNesting = 4;

    private static readonly byte[] SevenZipMagic = [0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C];
    private static readonly byte[] GzipMagic = [0x1F, 0x8B];
    private static readonly byte[] XzMagic = [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00];

    private static readonly string[] ArchiveExtensions = [".zip", ".rar", ".7z", ".gz", ".tgz", ".tar", ".bz2", ".xz", ".arj", ".cab", ".iso"];

    private static readonly string[] ProgramExtensions =
        [".exe", ".com", ".bat", ".cmd", ".scr", ".msi", ".js", ".jse", ".vbs", ".vbe", ".wsf", ".ps1", ".jar", ".apk", ".lnk", ".hta", ".sh", ".dll"];

    public static AttachmentScan Scan(MimeMessage message)
    {
        var found = new List<EmailAttachment>();
        Collect(message, found, depth: 0);
        var receipts = found.Where(a => a.IsReceipt)
            .OrderByDescending(a => a.ContentType == "application/pdf")
            .ThenByDescending(a => a.SizeBytes)
            .ToList();
        return new AttachmentScan(receipts, found.Where(a => !a.IsReceipt).ToList());
    }

    private static void Collect(MimeMessage message, List<EmailAttachment> found, int depth)
    {
        foreach (var entity in message.BodyParts)
        {
            switch (entity)
            {
                case MessagePart { Message: { } attached } when depth < MaxNesting:
                    Collect(attached, found, depth + 1);
                    break;
                case MimePart part when !IsMessageText(part) && !IsSignature(part):
                    Add(part, found, depth);
                    break;
            }
        }
    }

    private static void Add(MimePart part, List<EmailAttachment> found, int depth)
    {
        var name = string.IsNullOrWhiteSpace(part.FileName) ? $"attachment-{found.Count + 1}" : part.FileName.Trim();
        using var decoded = new MemoryStream();
        part.Content?.DecodeTo(decoded);
        var bytes = decoded.ToArray();
        var detected = ReceiptFormat.DetectContentType(bytes);
        if (detected is not null)
        {
            if (detected != "application/pdf" && !part.IsAttachment && bytes.Length < SmallestInlineImageBytes)
            {
                return;
            }

            found.Add(bytes.Length > ReceiptFormat.MaxBytes
                ? new EmailAttachment(name, bytes.Length, detected, null, AttachmentRefusal.TooLarge)
                : new EmailAttachment(name, bytes.Length, detected, bytes, null));
            return;
        }

        if (depth < MaxNesting && LooksLikeEmail(part, name) && TryLoad(bytes) is { } attachedMessage)
        {
            Collect(attachedMessage, found, depth + 1);
            return;
        }

        if (bytes.Length == 0)
        {
            return;
        }

        found.Add(new EmailAttachment(name, bytes.Length, part.ContentType.MimeType, null, Classify(bytes, name)));
    }

    private static AttachmentRefusal Classify(byte[] bytes, string name)
    {
        var extension = Path.GetExtension(name).ToLowerInvariant();
        ReadOnlySpan<byte> head = bytes;
        if (head.StartsWith("MZ"u8) || head.StartsWith("\u007fELF"u8) || head.StartsWith("#!"u8) || ProgramExtensions.Contains(extension))
        {
            return AttachmentRefusal.Program;
        }

        // Office documents are ZIP containers too, but the customer meant a document, not an archive.
        var officeDocument = extension is ".docx" or ".xlsx" or ".pptx" or ".odt" or ".ods";
        var archive = head.StartsWith("PK\u0003\u0004"u8) || head.StartsWith("Rar!"u8) || head.StartsWith(SevenZipMagic)
            || head.StartsWith(GzipMagic) || head.StartsWith("BZh"u8) || head.StartsWith(XzMagic);
        return (archive && !officeDocument) || ArchiveExtensions.Contains(extension) ? AttachmentRefusal.Archive : AttachmentRefusal.UnsupportedType;
    }

    /// <summary>The text of the email itself (plain or HTML body), as opposed to a text file attached to it.</summary>
    private static bool IsMessageText(MimePart part) =>
        part is TextPart && !part.IsAttachment && string.IsNullOrEmpty(part.FileName);

    private static bool IsSignature(MimePart part) =>
        part.ContentType.IsMimeType("application", "pkcs7-signature") || part.ContentType.IsMimeType("application", "x-pkcs7-signature")
        || part.ContentType.IsMimeType("application", "pgp-signature");

    private static bool LooksLikeEmail(MimePart part, string name) =>
        part.ContentType.IsMimeType("message", "rfc822") || name.EndsWith(".eml", StringComparison.OrdinalIgnoreCase);

    private static MimeMessage? TryLoad(byte[] bytes)
    {
        try
        {
            using var stream = new MemoryStream(bytes);
            return MimeMessage.Load(stream);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
