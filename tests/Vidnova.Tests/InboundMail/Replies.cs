using MimeKit;
using MimeKit.Utils;
using Vidnova.Tests.Infrastructure;
using Vidnova.Tests.Restoration.Receipts;

namespace Vidnova.Tests.InboundMail;

/// <summary>Customers' replies to the invoice email, the way phone and desktop mail apps write them.</summary>
internal static class Replies
{
    public const string Customer = "taras@example.com";

    /// <summary>A Приват24-style PDF receipt paying the invoice of <paramref name="applicationNumber"/> (the scenario's DSO and price).</summary>
    public static byte[] BankReceipt(string applicationNumber, decimal amount = 1234.56m, string iban = Scenario.DsoIban,
        BankLayout layout = BankLayout.PrivatBank) =>
        BankReceipts.Render(layout, ReceiptCorpus.Exact with
        {
            PayeeIban = iban,
            Amount = amount,
            Purpose = $"Оплата послуги з відновлення електропостачання, заява {applicationNumber}",
        });

    /// <summary>"Reply" in a mail app: to the Reply-To address, "Re:" subject, threading headers, the invoice quoted.</summary>
    public static MimeMessage To(SentMail invoice, string text = "Добрий день! Оплатив, квитанція у вкладенні.", string from = Customer,
        params MimeEntity[] attachments)
    {
        var message = new MimeMessage { Subject = "Re: " + invoice.Subject, MessageId = MimeUtils.GenerateMessageId("phone.example.com") };
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(invoice.ReplyTo ?? throw new InvalidOperationException("The invoice has no Reply-To.")));
        message.InReplyTo = invoice.MessageId;
        message.References.Add(invoice.MessageId);
        message.Body = Body(text + "\n\n> " + invoice.TextBody.Replace("\n", "\n> ", StringComparison.Ordinal), attachments);
        return message;
    }

    /// <summary>A new email (not a reply) to the supplier's plain address.</summary>
    public static MimeMessage Fresh(string subject, string text, string from = Customer, params MimeEntity[] attachments)
    {
        var message = new MimeMessage { Subject = subject, MessageId = MimeUtils.GenerateMessageId("phone.example.com") };
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse("receipts@vidnova.test"));
        message.Body = Body(text, attachments);
        return message;
    }

    public static MimePart Attachment(byte[] content, string fileName, string mediaType = "application/octet-stream") => new(mediaType)
    {
        Content = new MimeContent(new MemoryStream(content)),
        ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
        ContentTransferEncoding = ContentEncoding.Base64,
        FileName = fileName,
    };

    public static MimePart Pdf(byte[] content, string fileName = "Квитанція.pdf") => Attachment(content, fileName, "application/pdf");

    /// <summary>A photo placed in the text, as iOS Mail does: inline, with a Content-Id and often no file name.</summary>
    public static MimePart InlineImage(byte[] content, string mediaType) => new(mediaType)
    {
        Content = new MimeContent(new MemoryStream(content)),
        ContentDisposition = new ContentDisposition(ContentDisposition.Inline),
        ContentTransferEncoding = ContentEncoding.Base64,
        ContentId = MimeUtils.GenerateMessageId(),
    };

    /// <summary>A message attached to another: Outlook's "Forward as attachment" (message/rfc822) or a saved .eml.</summary>
    public static MimeEntity Forwarded(MimeMessage original, bool asEmlFile)
    {
        if (!asEmlFile)
        {
            return new MessagePart { Message = original, ContentDisposition = new ContentDisposition(ContentDisposition.Attachment) };
        }

        using var buffer = new MemoryStream();
        original.WriteTo(buffer);
        return Attachment(buffer.ToArray(), "Квитанція від банку.eml");
    }

    public static byte[] Bytes(MimeMessage message)
    {
        using var buffer = new MemoryStream();
        message.WriteTo(buffer);
        return buffer.ToArray();
    }

    /// <summary>A file that is a photo by its bytes: a JPEG header and enough data not to pass for a signature logo.</summary>
    public static byte[] Photo(int size = 40_000)
    {
        var bytes = new byte[size];
        Random.Shared.NextBytes(bytes);
        bytes[0] = 0xFF;
        bytes[1] = 0xD8;
        bytes[2] = 0xFF;
        bytes[3] = 0xE0;
        return bytes;
    }

    /// <summary>An iPhone photo's first bytes: an ISO BMFF "ftyp" box with the "heic" brand.</summary>
    public static byte[] Heic(int size = 60_000)
    {
        var bytes = new byte[size];
        Random.Shared.NextBytes(bytes);
        byte[] head = [0x00, 0x00, 0x00, 0x18, .. "ftypheic"u8, 0x00, 0x00, 0x00, 0x00, .. "mif1heic"u8];
        head.CopyTo(bytes, 0);
        return bytes;
    }

    public static byte[] Zip() => [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00, .. new byte[200]];

    private static MimeEntity Body(string text, MimeEntity[] attachments)
    {
        var builder = new BodyBuilder { TextBody = text };
        var multipart = new Multipart("mixed") { builder.ToMessageBody() };
        foreach (var attachment in attachments)
        {
            multipart.Add(attachment);
        }

        return attachments.Length == 0 ? builder.ToMessageBody() : multipart;
    }
}
