using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MimeKit;

namespace Vidnova.Tests.Infrastructure;

/// <summary>
/// A real SMTP server (RFC 5321) from Debian's <c>python3-aiosmtpd</c>, on a free port on 127.0.0.1, delivering every
/// message it accepts into a Maildir: a folder of its own, or a Dovecot user's mailbox so that mail sent over SMTP
/// arrives where the IMAP poller reads it. As root it runs as <c>nobody</c>, like the Dovecot mail user, so the
/// Maildir's parent folder must be writable by <c>nobody</c>.
/// </summary>
public sealed class SmtpServer : IAsyncDisposable
{
    private static readonly string[] DeliveryFolders = ["new", "cur"];

    private readonly Process _process;

    private SmtpServer(Process process, int port, string maildir)
    {
        _process = process;
        Port = port;
        Maildir = maildir;
    }

    public int Port { get; }

    public string Maildir { get; }

    public static async Task<SmtpServer> StartAsync(string? maildir = null)
    {
        if (!File.Exists("/usr/lib/python3/dist-packages/aiosmtpd/__init__.py"))
        {
            throw new InvalidOperationException("aiosmtpd is not installed: apt-get install python3-aiosmtpd (.ci/run does this).");
        }

        var asRoot = Environment.UserName == "root";
        if (maildir is null)
        {
            var folder = Directory.CreateTempSubdirectory("vidnova-smtp-").FullName;
            maildir = Path.Combine(folder, "Maildir");
            if (asRoot)
            {
                await RunAsync("chown", "nobody:nogroup", folder);
            }
        }

        var port = LoopbackPort.Free();
        string[] server = ["/usr/bin/python3", "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Mailbox", maildir];
        var start = new ProcessStartInfo(asRoot ? "runuser" : server[0]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in asRoot ? ["-u", "nobody", "--", .. server] : server[1..])
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        var smtp = new SmtpServer(process, port, maildir);
        await Eventually.TrueAsync(
            async () => process.HasExited
                ? throw new InvalidOperationException($"aiosmtpd exited: {await process.StandardError.ReadToEndAsync()}")
                : await smtp.AcceptsConnectionsAsync(),
            TimeSpan.FromSeconds(30), () => "aiosmtpd did not start listening.");

        return smtp;
    }

    /// <summary>The messages delivered so far, oldest first.</summary>
    public IReadOnlyList<MimeMessage> Messages() =>
        DeliveryFolders
            .Select(folder => Path.Combine(Maildir, folder))
            .Where(Directory.Exists)
            .SelectMany(Directory.GetFiles)
            .Select(file => MimeMessage.Load(file))
            .OrderBy(message => message.Date)
            .ToList();

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private async Task<bool> AcceptsConnectionsAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static async Task RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        await process.WaitForExitAsync();
    }
}
