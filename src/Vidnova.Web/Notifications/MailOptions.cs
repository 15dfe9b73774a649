using MailKit.Security;

namespace Vidnova.Notifications;

public sealed class MailOptions
{
    public const string Section = "Mail";

    /// <summary>Sender shown to customers.</summary>
    public string From { get; set; } = "Vidnova <noreply@vidnova.local>";

    /// <summary>Where each outgoing email is written as an <c>.eml</c> file when no SMTP host is configured.</summary>
    public string PickupDirectory { get; set; } = "data/mail";

    /// <summary>
    /// The mailbox customers reply to, e.g. <c>receipts@supplier.ua</c>; each application's emails carry it
    /// plus-addressed (<c>receipts+token@supplier.ua</c>). Without it replies go to <see cref="From"/> and are matched
    /// by their threading headers and subject only.
    /// </summary>
    public string? ReplyAddress { get; set; }

    public SmtpOptions Smtp { get; set; } = new();

    public ImapOptions Imap { get; set; } = new();

    public InboundMailOptions Inbound { get; set; } = new();

    /// <summary>How often the outbox is checked when nothing wakes it earlier.</summary>
    public int OutboxPollSeconds { get; set; } = 5;
}

public sealed class SmtpOptions
{
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.StartTlsWhenAvailable;

    public string? Username { get; set; }

    public string? Password { get; set; }
}

public sealed class ImapOptions
{
    /// <summary>The supplier's mailbox server; without it nothing is polled.</summary>
    public string? Host { get; set; }

    public int Port { get; set; } = 993;

    /// <summary><c>None</c>, <c>StartTls</c> or <c>SslOnConnect</c>.</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.SslOnConnect;

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>The folder replies arrive in.</summary>
    public string Folder { get; set; } = "INBOX";

    /// <summary>Where a message goes once a receipt was filed from it.</summary>
    public string ProcessedFolder { get; set; } = "Processed";

    /// <summary>Where a message goes when no receipt could be filed from it (it also waits in the back office).</summary>
    public string FailedFolder { get; set; } = "Failed";

    public int PollSeconds { get; set; } = 60;

    /// <summary>
    /// A PEM certificate (file path) to trust for the IMAP server besides the system's trust store: the mail server's
    /// own certificate or its private CA.
    /// </summary>
    public string? TrustedCertificatePath { get; set; }
}

public sealed class InboundMailOptions
{
    /// <summary>
    /// Messages larger than this are not stored or read; the sender is asked to send a smaller file. A 10 MB
    /// receipt grows by a third in base64, so the default leaves room for it and the text.
    /// </summary>
    public long MaxMessageBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>The key a mail service pushing inbound mail to <c>POST /api/v1/inbound-emails</c> sends as <c>X-Api-Key</c>.</summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// The <c>authserv-id</c>s of the supplier's own receiving mail servers, whose <c>Authentication-Results</c>
    /// (RFC 8601) are believed. Only with their DMARC (or aligned SPF/DKIM) pass for the From domain does an
    /// application number in the subject or text file an email; empty: such emails always wait for an operator.
    /// </summary>
    public List<string> TrustedAuthServIds { get; set; } = [];
}
