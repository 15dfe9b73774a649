using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using NodaTime;
using Vidnova.Persistence;

namespace Vidnova.Notifications;

/// <summary>Lets a request that just committed outbox messages wake the dispatcher instead of waiting for its next poll.</summary>
public sealed class OutboxSignal
{
    // One pending wake-up is enough however many requests commit before the dispatcher looks.
    private readonly Channel<bool> _wakeUps = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Notify() => _wakeUps.Writer.TryWrite(true);

    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        try
        {
            await _wakeUps.Reader.ReadAsync(timer.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The poll interval passed without a wake-up.
        }
    }
}

/// <summary>
/// Sends due outbox messages; a failed send is retried with backoff and never lost. Each batch is claimed first
/// (<see cref="OutboxClaims"/>), so any number of instances can run this at once.
/// </summary>
public sealed class OutboxDispatcher(
    IServiceScopeFactory scopes,
    IMailTransport transport,
    OutboxSignal signal,
    IClock clock,
    IOptions<MailOptions> options,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private const int BatchSize = 20;

    /// <summary>Long enough for a slow SMTP server to take a whole batch; a crashed instance's work waits this long.</summary>
    private static readonly Duration ClaimLease = Duration.FromMinutes(5);

    private readonly string _owner = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var pollInterval = TimeSpan.FromSeconds(Math.Max(1, options.Value.OutboxPollSeconds));
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    while (await DispatchDueAsync(stoppingToken) == BatchSize)
                    {
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    logger.LogError(exception, "Outbox dispatch failed; will retry on the next poll");
                }

                await signal.WaitAsync(pollInterval, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: fall through to release what this instance still holds.
        }
        finally
        {
            await ReleaseClaimsAsync();
        }
    }

    /// <summary>Claims and sends one batch of due messages; returns how many it claimed.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VidnovaDbContext>();
        var claimed = await new OutboxClaims(db).ClaimDueAsync(_owner, clock.GetCurrentInstant(), ClaimLease, BatchSize, cancellationToken);
        if (claimed.Count == 0)
        {
            return 0;
        }

        var due = await db.Set<OutboxMessage>().Where(m => claimed.Contains(m.Id)).ToListAsync(cancellationToken);
        foreach (var message in due.OrderBy(m => m.CreatedAt))
        {
            try
            {
                await transport.SendAsync(ToMime(message), cancellationToken);
                message.MarkSent(clock.GetCurrentInstant());
                logger.LogInformation("Sent email {MessageId} to {Recipient}: {Subject}", message.MessageId, message.To, message.Subject);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                message.MarkFailed(exception.Message, clock.GetCurrentInstant());
                logger.LogWarning(exception, "Could not send email {MessageId}; attempt {Attempts}", message.MessageId, message.Attempts);
            }

            await db.SaveChangesAsync(CancellationToken.None);
        }

        return claimed.Count;
    }

    private async Task ReleaseClaimsAsync()
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var released = await new OutboxClaims(scope.ServiceProvider.GetRequiredService<VidnovaDbContext>())
                .ReleaseAsync(_owner, CancellationToken.None);
            if (released > 0)
            {
                logger.LogInformation("Released {Count} claimed outbox messages on shutdown", released);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogWarning(exception, "Could not release outbox claims on shutdown; they lapse after {Lease}", ClaimLease);
        }
    }

    private MimeMessage ToMime(OutboxMessage message)
    {
        var mime = new MimeMessage
        {
            MessageId = message.MessageId,
            Subject = message.Subject,
            Date = message.CreatedAt.ToDateTimeOffset(),
        };
        mime.From.Add(MailboxAddress.Parse(options.Value.From));
        mime.To.Add(MailboxAddress.Parse(message.To));
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
