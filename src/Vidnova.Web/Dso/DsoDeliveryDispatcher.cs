using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Vidnova.Notifications;
using Vidnova.Persistence;

namespace Vidnova.Dso;

/// <summary>
/// Delivers due <see cref="DsoDelivery"/> rows by each DSO's channel: a signed webhook call or an email. Each batch is claimed first
/// (<see cref="DsoDeliveryClaims"/>), so any number of instances can run this at once; a failed attempt is
/// retried later with exponential backoff and jitter, and dead-lettered after the configured number of attempts.
/// </summary>
public sealed class DsoDeliveryDispatcher(
    IServiceScopeFactory scopes,
    IHttpClientFactory httpClients,
    IMailTransport mail,
    IOptions<MailOptions> mailOptions,
    DsoDeliverySignal signal,
    IClock clock,
    IOptionsMonitor<DsoDeliveryOptions> options,
    ILogger<DsoDeliveryDispatcher> logger) : BackgroundService
{
    public const string HttpClientName = "dso-webhook";
    private const int BatchSize = 20;

    /// <summary>Longer than one attempt with all its HTTP retries takes; a crashed instance's work waits this long.</summary>
    private static readonly Duration ClaimLease = Duration.FromMinutes(5);

    private readonly string _owner = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.CurrentValue.Enabled)
        {
            logger.LogInformation("DSO delivery is switched off on this instance (Dso:Delivery:Enabled=false)");
            return;
        }

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
                    logger.LogError(exception, "DSO delivery failed; will retry on the next poll");
                }

                await signal.WaitAsync(TimeSpan.FromSeconds(Math.Max(0.2, options.CurrentValue.PollSeconds)), stoppingToken);
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

    /// <summary>Claims and attempts one batch of due deliveries; returns how many it claimed.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VidnovaDbContext>();
        var claimed = await new DsoDeliveryClaims(db).ClaimDueAsync(_owner, clock.GetCurrentInstant(), ClaimLease, BatchSize, cancellationToken);
        if (claimed.Count == 0)
        {
            return 0;
        }

        var due = await db.Set<DsoDelivery>().Where(d => claimed.Contains(d.Id)).ToListAsync(cancellationToken);
        var codes = due.Select(d => d.DsoCode).Distinct().ToList();
        var dsos = await db.Set<DistributionOperator>().AsNoTracking().Where(d => codes.Contains(d.Code)).ToDictionaryAsync(d => d.Code, cancellationToken);
        var settings = options.CurrentValue;
        foreach (var delivery in due.OrderBy(d => d.CreatedAt))
        {
            var dso = dsos[delivery.DsoCode];
            var error = dso.ChannelType switch
            {
                DsoChannelType.Pull => null,
                DsoChannelType.Webhook when dso.WebhookUrl is not null && dso.WebhookSecret is not null =>
                    await SendAsync(delivery, new Uri(dso.WebhookUrl), dso.WebhookSecret, cancellationToken),
                DsoChannelType.Email when dso.ChannelEmail is not null => await MailAsync(delivery, dso.ChannelEmail, cancellationToken),
                _ => $"The DSO's {dso.ChannelType} channel has no address.",
            };
            var now = clock.GetCurrentInstant();
            if (dso.ChannelType == DsoChannelType.Pull)
            {
                // The DSO switched to pull after this was queued: it sees the request through the API; nothing to push.
                delivery.MarkFailed("The DSO's channel is now pull: it lists its requests through the API.", now, maxAttempts: 1, Duration.Zero);
                logger.LogWarning("DSO delivery {IdempotencyKey} dead-lettered: {Dso} pulls", delivery.IdempotencyKey, delivery.DsoCode);
            }
            else if (error is null)
            {
                delivery.MarkDelivered(now);
                logger.LogInformation("Delivered {EventType} {IdempotencyKey} to DSO {Dso} by {Channel} on attempt {Attempts}",
                    delivery.EventType, delivery.IdempotencyKey, delivery.DsoCode, dso.ChannelType, delivery.Attempts);
            }
            else
            {
                var wait = DeliveryBackoff.After(delivery.Attempts + 1, Duration.FromSeconds(settings.BaseDelaySeconds),
                    Duration.FromSeconds(settings.MaxDelaySeconds), Random.Shared.NextDouble());
                delivery.MarkFailed(error, now, Math.Max(1, settings.MaxAttempts), wait);
                if (delivery.DeadLetteredAt is not null)
                {
                    logger.LogError("DSO delivery {IdempotencyKey} to {Dso} dead-lettered after {Attempts} attempts: {Error}",
                        delivery.IdempotencyKey, delivery.DsoCode, delivery.Attempts, error);
                }
                else
                {
                    logger.LogWarning("DSO delivery {IdempotencyKey} to {Dso} failed (attempt {Attempts}), next at {NextAttemptAt}: {Error}",
                        delivery.IdempotencyKey, delivery.DsoCode, delivery.Attempts, delivery.NextAttemptAt, error);
                }
            }

            await db.SaveChangesAsync(CancellationToken.None);
        }

        return claimed.Count;
    }

    /// <summary>One email with the JSON and CSV attachments; null when the mail server (or pickup folder) took it, else why not.</summary>
    private async Task<string?> MailAsync(DsoDelivery delivery, string address, CancellationToken cancellationToken)
    {
        try
        {
            await mail.SendAsync(DsoEmail.Compose(delivery, mailOptions.Value.From, address), cancellationToken);
            return null;
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return $"{exception.GetType().Name}: {exception.Message}";
        }
    }

    /// <summary>One signed POST (with the resilience pipeline's quick retries); null when the DSO answered 2xx, else why not.</summary>
    private async Task<string?> SendAsync(DsoDelivery delivery, Uri url, string secret, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes(delivery.Payload);
        var timestamp = clock.GetCurrentInstant().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(WebhookSignature.IdempotencyKeyHeader, delivery.IdempotencyKey);
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(secret, timestamp, body));
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
            return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or TimeoutException
                                          or Polly.Timeout.TimeoutRejectedException && !cancellationToken.IsCancellationRequested)
        {
            return $"{exception.GetType().Name}: {exception.Message}";
        }
    }

    private async Task ReleaseClaimsAsync()
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var released = await new DsoDeliveryClaims(scope.ServiceProvider.GetRequiredService<VidnovaDbContext>()).ReleaseAsync(_owner, CancellationToken.None);
            if (released > 0)
            {
                logger.LogInformation("Released {Count} claimed DSO deliveries on shutdown", released);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogWarning(exception, "Could not release DSO delivery claims on shutdown; they lapse after {Lease}", ClaimLease);
        }
    }
}
