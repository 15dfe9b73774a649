using System.Diagnostics.Metrics;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using Microsoft.Extensions.Options;
using Vidnova.Notifications;

namespace Vidnova.InboundMail;

/// <summary>
/// Reads the supplier's reply mailbox over IMAP. Each message is filed (<see cref="ReceiveInboundEmail"/>) and only
/// then moved to <c>Processed</c> (a receipt was filed) or <c>Failed</c> (it waits for an operator); nothing is
/// deleted. A crash between the two leaves the message in the folder, and the next poll finds it already recorded
/// and just moves it, so any number of instances may poll the same mailbox. A message is stored before it is read, so
/// one that the reader cannot read goes to <c>Failed</c> once (<c>could_not_read</c>) instead of coming back every poll.
/// </summary>
internal sealed class ImapInboxPoller(
    IServiceScopeFactory scopes, IOptionsMonitor<MailOptions> options, IMeterFactory meters, ILogger<ImapInboxPoller> logger)
    : BackgroundService
{
    private const int BatchSize = 50;
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMinutes(5);

    /// <summary>For an alert: replies pile up unread while the mailbox cannot be reached.</summary>
    private readonly Counter<long> _pollFailures = meters.Create(Hosting.Telemetry.MeterName).CreateCounter<long>(
        "vidnova.inbound_mail.poll_failures", "{poll}", "Polls of the IMAP mailbox that failed; the messages stay in it for a later poll");

    private readonly Counter<long> _messagesRead = meters.Create(Hosting.Telemetry.MeterName).CreateCounter<long>(
        "vidnova.inbound_mail.messages", "{message}", "Messages read from the IMAP mailbox and moved out of it, by outcome");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            var pollInterval = TimeSpan.FromSeconds(Math.Max(1, options.CurrentValue.Imap.PollSeconds));
            try
            {
                await PollOnceAsync(stoppingToken);
                failures = 0;
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                failures++;
                _pollFailures.Add(1);
                logger.LogWarning(exception, "The IMAP mailbox could not be read (attempt {Failures}); messages stay in it and are read on a later poll",
                    failures);
            }

            // A mailbox that is down is retried less and less often, up to every five minutes.
            var delay = failures == 0 ? pollInterval : TimeSpan.FromTicks(Math.Min(MaxRetryDelay.Ticks, pollInterval.Ticks << Math.Min(failures - 1, 8)));
            try
            {
                await Task.Delay(delay, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Files every message waiting in the folder; returns how many were moved out of it.</summary>
    public async Task<int> PollOnceAsync(CancellationToken cancellationToken)
    {
        var imap = options.CurrentValue.Imap;
        using var client = new ImapClient();
        if (imap.TrustedCertificatePath is { Length: > 0 } trusted)
        {
            client.ServerCertificateValidationCallback = TrustingAlso(X509Certificate2.CreateFromPem(File.ReadAllText(trusted)));
        }

        await client.ConnectAsync(imap.Host ?? throw new InvalidOperationException("Mail:Imap:Host is not set."), imap.Port, imap.Security,
            cancellationToken);
        if (!string.IsNullOrEmpty(imap.Username))
        {
            await client.AuthenticateAsync(imap.Username, imap.Password ?? "", cancellationToken);
        }

        var folder = imap.Folder.Equals("INBOX", StringComparison.OrdinalIgnoreCase) ? client.Inbox : await client.GetFolderAsync(imap.Folder, cancellationToken);
        await folder.OpenAsync(FolderAccess.ReadWrite, cancellationToken);
        var processed = await FolderAsync(client, imap.ProcessedFolder, cancellationToken);
        var failed = await FolderAsync(client, imap.FailedFolder, cancellationToken);

        var moved = 0;
        var uids = await folder.SearchAsync(SearchQuery.NotDeleted, cancellationToken);
        foreach (var batch in uids.Chunk(BatchSize))
        {
            var summaries = await folder.FetchAsync(batch, MessageSummaryItems.UniqueId | MessageSummaryItems.Size, cancellationToken);
            foreach (var summary in summaries)
            {
                RawInboundEmail raw;
                try
                {
                    raw = await ReadAsync(folder, summary, cancellationToken);
                }
                catch (MessageNotFoundException)
                {
                    continue; // another instance polling the same mailbox moved it first
                }

                InboundEmailResult result;
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    result = await scope.ServiceProvider.GetRequiredService<ReceiveInboundEmail>().HandleAsync(raw, cancellationToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // The mailbox is fine but this message could not be filed now (a race, the database away): it stays
                    // in the folder for the next poll, and the messages after it are not held up.
                    logger.LogWarning(exception, "Could not file IMAP message {Uid}; it stays in {Folder} for the next poll", summary.UniqueId, folder.FullName);
                    continue;
                }

                if (result.Email.Outcome == InboundEmailOutcome.Received)
                {
                    continue; // another instance is reading it right now; it moves it when done
                }

                var destination = result.Email.Outcome == InboundEmailOutcome.ReceiptFiled ? processed : failed;
                await folder.MoveToAsync(summary.UniqueId, destination, cancellationToken);
                _messagesRead.Add(1, new KeyValuePair<string, object?>("outcome", result.Email.Outcome.ToApiName()));
                moved++;
            }
        }

        await client.DisconnectAsync(true, cancellationToken);
        return moved;
    }

    private async Task<RawInboundEmail> ReadAsync(IMailFolder folder, IMessageSummary summary, CancellationToken cancellationToken)
    {
        var size = (long)(summary.Size ?? 0);
        using var buffer = new MemoryStream();
        if (size > options.CurrentValue.Inbound.MaxMessageBytes)
        {
            var headers = await folder.GetHeadersAsync(summary.UniqueId, cancellationToken);
            headers.WriteTo(buffer, cancellationToken);
            return new RawInboundEmail(buffer.ToArray(), size, HeadersOnly: true, Source: "imap");
        }

        await using (var stream = await folder.GetStreamAsync(summary.UniqueId, cancellationToken))
        {
            await stream.CopyToAsync(buffer, cancellationToken);
        }

        return new RawInboundEmail(buffer.ToArray(), buffer.Length, HeadersOnly: false, Source: "imap");
    }

    private static async Task<IMailFolder> FolderAsync(ImapClient client, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await client.GetFolderAsync(name, cancellationToken);
        }
        catch (FolderNotFoundException)
        {
            var root = client.GetFolder(client.PersonalNamespaces[0]);
            return await root.CreateAsync(name, isMessageFolder: true, cancellationToken)
                ?? throw new InvalidOperationException($"The IMAP server did not create the folder «{name}».");
        }
    }

    /// <summary>Accepts the system's trusted certificates and, besides them, chains to <paramref name="trusted"/>; never a wrong host name.</summary>
    private static RemoteCertificateValidationCallback TrustingAlso(X509Certificate2 trusted) => (_, certificate, _, errors) =>
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (errors != SslPolicyErrors.RemoteCertificateChainErrors || certificate is null)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(trusted);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var presented = new X509Certificate2(certificate);
        return chain.Build(presented);
    };
}
