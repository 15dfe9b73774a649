using Microsoft.Extensions.Options;
using MimeKit;

namespace Vidnova.Notifications;

/// <summary>Notifications by email, through the configured <see cref="IMailTransport"/> (SMTP or a pickup directory).</summary>
internal sealed class EmailChannel(IMailTransport transport, IOptions<MailOptions> options) : INotificationChannel
{
    public const string ChannelName = "email";

    public string Name => ChannelName;

    public Task SendAsync(OutboxMessage message, CancellationToken cancellationToken) => transport.SendAsync(ToMime(message), cancellationToken);

    private MimeMessage ToMime(OutboxMessage message)
    {
        var mime = new MimeMessage
        {
            MessageId = message.MessageId,
            Subject = message.Subject,
            Date = message.CreatedAt.ToDateTimeOffset(),
        };
        mime.From.Add(MailboxAddress.Parse(options.Value.From));
        mime.To.Add(MailboxAddress.Parse(message.Recipient));
        if (message.ReplyTo is not null)
        {
            mime.ReplyTo.Add(MailboxAddress.Parse(message.ReplyTo));
        }

        if (message.InReplyTo is not null)
        {
            mime.InReplyTo = message.InReplyTo;
            mime.References.Add(message.InReplyTo);
        }

        if (message.IsAutoReply)
        {
            mime.Headers.Add("Auto-Submitted", "auto-replied");
        }
        mime.Body = new BodyBuilder { HtmlBody = message.HtmlBody, TextBody = message.TextBody }.ToMessageBody();
        return mime;
    }
}
