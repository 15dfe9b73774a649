using MailKit.Security;

namespace Vidnova.Notifications;

public sealed class MailOptions
{
    public const string Section = "Mail";

    /// <summary>Sender shown to customers.</summary>
    public string From { get; set; } = "Vidnova <noreply@vidnova.local>";

    /// <summary>Where each outgoing email is written as an <c>.eml</c> file when no SMTP host is configured.</summary>
    public string PickupDirectory { get; set; } = "data/mail";

    public SmtpOptions Smtp { get; set; } = new();

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
