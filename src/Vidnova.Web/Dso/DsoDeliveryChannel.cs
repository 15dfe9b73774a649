using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Vidnova.Kernel;
using Vidnova.Notifications;
using Vidnova.Outbox;
using Vidnova.Persistence;

namespace Vidnova.Dso;

/// <summary>
/// Delivers <see cref="DsoDelivery"/> rows (through the <see cref="OutboxWorker{TRow}"/>) by each DSO's channel: a
/// signed webhook call or an email. Each DSO is a lane of its own (at most <see cref="DsoDeliveryOptions.MaxParallelDsos"/>
/// at once), so a DSO whose endpoint hangs until the timeout delays only its own requests. A failed attempt is retried
/// later with exponential backoff and jitter, and dead-lettered after the configured number of attempts.
/// </summary>
internal sealed class DsoDeliveryChannel(
    IHttpClientFactory httpClients,
    IMailTransport mail,
    IOptions<MailOptions> mailOptions,
    DsoDeliverySignal signal,
    IClock clock,
    IOptionsMonitor<DsoDeliveryOptions> options,
    ILogger<DsoDeliveryChannel> logger) : IOutboxChannel<DsoDelivery>
{
    public const string HttpClientName = "dso-webhook";

    public string Name => "DSO delivery";

    public OutboxWakeUp Signal => signal;

    public OutboxSchedule Schedule
    {
        get
        {
            var settings = options.CurrentValue;
            return new OutboxSchedule(settings.Enabled, TimeSpan.FromSeconds(Math.Max(0.2, settings.PollSeconds)),
                Duration.FromSeconds(Math.Max(1, settings.ClaimLeaseSeconds)), settings.MaxParallelDsos);
        }
    }

    public LeaseClaims Claims(VidnovaDbContext db) => new DsoDeliveryClaims(db);

    public async Task<IReadOnlyList<string>> DueLanesAsync(VidnovaDbContext db, IReadOnlyCollection<string> busy, int limit, Instant now,
        CancellationToken cancellationToken)
    {
        var busyDsos = busy.Select(DsoCode.Parse).ToList();
        var dsos = await db.Set<DsoDelivery>().AsNoTracking()
            .Where(d => d.DeliveredAt == null && d.DeadLetteredAt == null && d.NextAttemptAt <= now
                && (d.ClaimedUntil == null || d.ClaimedUntil < now) && !busyDsos.Contains(d.DsoCode))
            .GroupBy(d => d.DsoCode)
            .OrderBy(g => g.Min(d => d.CreatedAt))
            .Select(g => g.Key)
            .Take(limit)
            .ToListAsync(cancellationToken);
        return [.. dsos.Select(d => d.Value)];
    }

    public Task<IReadOnlyList<Guid>> ClaimAsync(VidnovaDbContext db, string lane, string owner, Instant now, Duration lease, int batchSize,
        CancellationToken cancellationToken) =>
        new DsoDeliveryClaims(db).ClaimDueAsync(owner, now, lease, batchSize, DsoCode.Parse(lane), cancellationToken);

    public async Task<IReadOnlyList<OutboxAttempt>> PrepareAsync(VidnovaDbContext db, string lane, IReadOnlyList<Guid> claimed,
        CancellationToken cancellationToken)
    {
        var dsoCode = DsoCode.Parse(lane);
        var due = await db.Set<DsoDelivery>().Where(d => claimed.Contains(d.Id)).ToListAsync(cancellationToken);
        var dso = await db.Set<DistributionOperator>().AsNoTracking().SingleAsync(d => d.Code == dsoCode, cancellationToken);
        return [.. due.OrderBy(d => d.CreatedAt).Select(d => new OutboxAttempt(d.Id, ct => AttemptAsync(d, dso, ct)))];
    }

    private async Task AttemptAsync(DsoDelivery delivery, DistributionOperator dso, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
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
}
