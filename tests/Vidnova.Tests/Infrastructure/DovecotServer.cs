using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;
using MimeKit;

namespace Vidnova.Tests.Infrastructure;

/// <summary>
/// A throw-away IMAP server from Debian's <c>dovecot-imapd</c>: its own configuration, one mailbox user and a
/// Maildir in a temporary folder, listening on a free port on 127.0.0.1 only. With <c>tls: true</c> it offers
/// STARTTLS with a self-signed certificate made for the run (<see cref="CertificatePath"/>). It can be stopped and
/// started again on the same port and mail, to play a mail server that goes away.
/// </summary>
public sealed class DovecotServer : IAsyncDisposable
{
    public const string User = "receipts";

    private readonly string _root;
    private readonly string _configuration;
    private Process? _process;

    private DovecotServer(string root, int port, bool tls)
    {
        _root = root;
        Port = port;
        Tls = tls;
        _configuration = Path.Combine(root, "dovecot.conf");
    }

    public int Port { get; }

    public bool Tls { get; }

    public string Password { get; } = Guid.NewGuid().ToString("N");

    public string CertificatePath => Path.Combine(_root, "server.crt");

    /// <summary>The mail user's Maildir, where a mail server delivers what it receives for the mailbox.</summary>
    public string UserMaildir => Path.Combine(_root, "mail", User);

    public string Log => File.Exists(Path.Combine(_root, "dovecot.log")) ? File.ReadAllText(Path.Combine(_root, "dovecot.log")) : "";

    public static async Task<DovecotServer> StartAsync(bool tls = false)
    {
        if (!File.Exists("/usr/sbin/dovecot"))
        {
            throw new InvalidOperationException("Dovecot is not installed: apt-get install dovecot-imapd (.ci/run does this).");
        }

        var root = Path.Combine(Path.GetTempPath(), "vidnova-imap-" + Guid.NewGuid().ToString("N")[..8]);
        var server = new DovecotServer(root, LoopbackPort.Free(), tls);
        server.WriteConfiguration();
        await server.StartAsync();
        return server;
    }

    public async Task StartAsync()
    {
        var start = new ProcessStartInfo("/usr/sbin/dovecot") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-F", "-c", _configuration })
        {
            start.ArgumentList.Add(argument);
        }

        File.Delete(Path.Combine(_root, "run", "master.pid"));
        _process = Process.Start(start)!;
        var process = _process;
        await Eventually.TrueAsync(
            async () => process.HasExited
                ? throw new InvalidOperationException($"Dovecot exited: {await process.StandardError.ReadToEndAsync()} {Log}")
                : await AcceptsConnectionsAsync(),
            TimeSpan.FromSeconds(30), () => $"Dovecot did not start listening. {Log}");
    }

    /// <summary>Kills the server at once, as a crash or a network failure would: open sessions just break.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        // Dovecot's children (imap, imap-login, auth) are not always in the same process tree; wait for the port to close.
        await Eventually.TrueAsync(async () => !await AcceptsConnectionsAsync(), TimeSpan.FromSeconds(15), () => "Dovecot's port stayed open.");
    }

    public async Task<ImapClient> ConnectAsync()
    {
        var client = new ImapClient();
        if (Tls)
        {
            var trusted = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(File.ReadAllText(CertificatePath));
            client.ServerCertificateValidationCallback = (_, certificate, _, _) => certificate?.GetCertHashString() == trusted.GetCertHashString();
        }

        await client.ConnectAsync("127.0.0.1", Port, Tls ? SecureSocketOptions.StartTls : SecureSocketOptions.None);
        await client.AuthenticateAsync(User, Password);
        return client;
    }

    /// <summary>Delivers a message into a folder, as the mail server would on receiving it.</summary>
    public async Task AppendAsync(MimeMessage message, string folder = "INBOX")
    {
        using var client = await ConnectAsync();
        var target = folder == "INBOX" ? client.Inbox : await client.GetFolderAsync(folder);
        await target.AppendAsync(message);
        await client.DisconnectAsync(true);
    }

    /// <summary>The Message-IDs in a folder (empty when the folder does not exist yet).</summary>
    public async Task<IReadOnlyList<string>> MessageIdsAsync(string folder)
    {
        using var client = await ConnectAsync();
        IMailFolder target;
        try
        {
            target = folder == "INBOX" ? client.Inbox : await client.GetFolderAsync(folder);
        }
        catch (FolderNotFoundException)
        {
            return [];
        }

        await target.OpenAsync(FolderAccess.ReadOnly);
        var summaries = target.Count == 0 ? [] : await target.FetchAsync(0, -1, MessageSummaryItems.Envelope);
        await client.DisconnectAsync(true);
        return summaries.Select(s => s.Envelope?.MessageId ?? "").ToList();
    }

    public Dictionary<string, string?> HostSettings(int pollSeconds = 1) => new()
    {
        ["Mail:Imap:Host"] = "127.0.0.1",
        ["Mail:Imap:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Mail:Imap:Security"] = Tls ? "StartTls" : "None",
        ["Mail:Imap:Username"] = User,
        ["Mail:Imap:Password"] = Password,
        ["Mail:Imap:PollSeconds"] = pollSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Mail:Imap:TrustedCertificatePath"] = Tls ? CertificatePath : null,
    };

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A child process still holding a file; the temporary folder is cleaned up by the system.
        }
    }

    private void WriteConfiguration()
    {
        var mail = Path.Combine(_root, "mail");
        var home = Path.Combine(_root, "home");
        foreach (var directory in new[] { _root, mail, home, Path.Combine(_root, "run"), Path.Combine(_root, "state") })
        {
            Directory.CreateDirectory(directory);
        }

        // Dovecot refuses to give mail access to root (uid 0), so as root the mailbox belongs to nobody.
        var asRoot = Environment.UserName == "root";
        var mailUser = asRoot ? "nobody" : Environment.UserName;
        var mailGroup = asRoot ? "nogroup" : Environment.UserName;
        if (asRoot)
        {
            Run("chown", "nobody:nogroup", mail, home);
        }

        File.WriteAllText(Path.Combine(_root, "users"), $"{User}:{{PLAIN}}{Password}\n");
        var tls = "ssl = no";
        if (Tls)
        {
            var key = Path.Combine(_root, "server.key");
            Run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
                "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", CertificatePath);
            tls = $"ssl = required\nssl_cert = <{CertificatePath}\nssl_key = <{key}";
        }

        var users = asRoot ? "" : $"default_internal_user = {mailUser}\ndefault_login_user = {mailUser}\n";
        File.WriteAllText(_configuration, $$"""
            base_dir = {{_root}}/run
            state_dir = {{_root}}/state
            log_path = {{_root}}/dovecot.log
            protocols = imap
            listen = 127.0.0.1
            {{tls}}
            disable_plaintext_auth = no
            auth_mechanisms = plain login
            mail_location = maildir:{{mail}}/%u
            {{users}}
            passdb {
              driver = passwd-file
              args = scheme=PLAIN username_format=%u {{_root}}/users
            }
            userdb {
              driver = static
              args = uid={{mailUser}} gid={{mailGroup}} home={{home}}/%u
            }
            service imap-login {
              inet_listener imap {
                address = 127.0.0.1
                port = {{Port}}
              }
              inet_listener imaps {
                port = 0
              }
            }
            service imap {
              process_limit = 64
            }
            """);
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

    private static void Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)) || process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed: {output.Result}{error.Result}");
        }
    }
}
