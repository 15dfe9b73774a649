using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Vidnova.Notifications;

public interface IMailTransport
{
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}

/// <summary>Writes each email as an <c>.eml</c> file named after its Message-ID, so a repeated send overwrites, never doubles.</summary>
internal sealed class PickupDirectoryTransport(IOptions<MailOptions> options, IHostEnvironment environment) : IMailTransport
{
    public string Directory => Path.GetFullPath(options.Value.PickupDirectory, environment.ContentRootPath);

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var name = (message.MessageId ?? Guid.NewGuid().ToString("N")).Split('@')[0];
        var target = Path.Combine(Directory, name + ".eml");
        var temporary = target + ".tmp";
        await message.WriteToAsync(temporary, cancellationToken);
        File.Move(temporary, target, overwrite: true);
    }
}

internal sealed class SmtpTransport(IOptions<MailOptions> options) : IMailTransport
{
    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var smtp = options.Value.Smtp;
        using var client = new SmtpClient();
        await client.ConnectAsync(smtp.Host ?? throw new InvalidOperationException("Mail:Smtp:Host is not set."), smtp.Port, smtp.Security, cancellationToken);
        if (!string.IsNullOrEmpty(smtp.Username))
        {
            await client.AuthenticateAsync(smtp.Username, smtp.Password ?? "", cancellationToken);
        }

        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(true, cancellationToken);
    }
}
