using System.Text;
using MimeKit;

namespace Vidnova.InboundMail;

/// <summary>One top-level header as it arrived: its name and its raw, undecoded value (folding kept).</summary>
internal sealed record DigestHeader(string Field, byte[] RawValue);

/// <summary>What the reader process made of an email's bytes: its digest, or null when they are not an email at all.</summary>
internal sealed record EmailReading(InboundMessageDigest? Message);

/// <summary>
/// What the host needs of a customer's email, made by the reader process (MimeKit runs there, on the hostile
/// structure: nested parts, attached messages, transfer encodings): the top-level headers raw, the text, and the
/// files already found and recognised by <see cref="EmailAttachments"/>. The host turns it back into a flat
/// <see cref="MimeMessage"/> of those headers and that text, so that <see cref="ReplyKeys"/>,
/// <see cref="AutoReplyPolicy"/> and the matching read every header (<c>Authentication-Results</c> among them) as before.
/// </summary>
internal sealed record InboundMessageDigest(
    IReadOnlyList<DigestHeader> Headers, string? TextBody, string? HtmlBody, IReadOnlyList<EmailAttachment> Receipts, IReadOnlyList<EmailAttachment> Refused)
{
    private const int MaxHeaders = 500;
    private const int MaxHeaderBytes = 16 * 1024;
    private const int MaxTextLength = 200_000;

    public AttachmentScan Files => new(Receipts, Refused);

    /// <summary>In the reader process: parses the email; null when the bytes carry no header.</summary>
    public static InboundMessageDigest? Read(byte[] content)
    {
        MimeMessage message;
        try
        {
            using var stream = new MemoryStream(content);
            message = MimeMessage.Load(stream);
        }
        catch (FormatException)
        {
            return null;
        }

        if (message.Headers.Count == 0)
        {
            return null;
        }

        var headers = message.Headers
            .Where(h => h.RawValue.Length <= MaxHeaderBytes && !h.Field.StartsWith("Content-", StringComparison.OrdinalIgnoreCase)
                && !h.Field.Equals("MIME-Version", StringComparison.OrdinalIgnoreCase))
            .Take(MaxHeaders)
            .Select(h => new DigestHeader(h.Field, h.RawValue))
            .ToList();
        var scan = EmailAttachments.Scan(message);
        return new InboundMessageDigest(headers, Cap(message.TextBody), Cap(message.HtmlBody), scan.Receipts, scan.Refused);
    }

    /// <summary>In the host: the headers and the text as a flat message, without any of the original's structure.</summary>
    public MimeMessage ToMessage()
    {
        var message = new MimeMessage();
        message.Headers.Clear();
        foreach (var header in Headers)
        {
            if (Header.TryParse(Encoding.UTF8.GetBytes(header.Field + ":").Concat(header.RawValue).ToArray(), out var parsed))
            {
                message.Headers.Add(parsed);
            }
        }

        var text = TextBody is null ? null : new TextPart("plain") { Text = TextBody };
        var html = HtmlBody is null ? null : new TextPart("html") { Text = HtmlBody };
        message.Body = (text, html) switch
        {
            ({ } plain, { } markup) => new MultipartAlternative { plain, markup },
            ({ } plain, null) => plain,
            (null, { } markup) => markup,
            _ => new TextPart("plain") { Text = "" },
        };
        return message;
    }

    private static string? Cap(string? text) => text is null || text.Length <= MaxTextLength ? text : text[..MaxTextLength];
}
