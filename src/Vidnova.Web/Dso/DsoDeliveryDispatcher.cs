using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Vidnova.Kernel;
using Vidnova.Notifications;
using Vidnova.Persistence;

namespace Vidnova.Dso;

/// <summary>
/// Delivers due <see cref="DsoDelivery"/> rows by each DSO's channel: a signed webhook call or an email. Each DSO has
/// a lane of its own (at most <see cref="DsoDeliveryOptions.MaxParallelDsos"/> at once), so a DSO whose endpoint hangs
/// until the timeout delays only its own requests. Rows are claimed first (<see cref="DsoDeliveryClaims"/>) under a
/// short lease that a heartbeat renews while this instance works, so any number of instances can run this at once
/// and a crashed one's work is taken over within a lease. A failed attempt is retried later with exponential backoff
/// and jitter, and dead-lettered after the configured number of attempts.
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

    private readonly string _owner = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <summary>The lanes running in the background, by DSO; a DSO never has two on one instance.</summary>
    private readonly ConcurrentDictionary<DsoCode, Task> _lanes = new();

    /// <summary>
    /// The deliveries a running lane has claimed and not finished yet: the only ones the heartbeat renews, so that
    /// the claims of a lane that died mid-batch lapse instead of being renewed for ever.
    /// </summary>
    private readonly ConcurrentDictionary<Guid, byte> _inFlight = new();

    private Duration Lease => Duration.FromSeconds(Math.Max(1, options.CurrentValue.ClaimLeaseSeconds));

    private int MaxLanes => Math.Max(1, options.CurrentValue.MaxParallelDsos);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.CurrentValue.Enabled)
        {
            logger.LogInformation("DSO delivery is switched off on this instance (Dso:Delivery:Enabled=false)");
            return;
        }

        var heartbeat = RenewLeasesAsync(stoppingToken);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await StartLanesAsync(stoppingToken);
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
            await Task.WhenAll(_lanes.Values.Append(heartbeat));
            await ReleaseClaimsAsync();
        }
    }

    /// <summary>
    /// One pass at the current time: every DSO with due deliveries gets one batch, the DSOs in parallel up to
    /// <see cref="DsoDeliveryOptions.MaxParallelDsos"/>; returns how many deliveries it claimed.
    /// </summary>
    public async Task<int> DispatchDueAsync(CancellationToken cancellationToken)
    {
        var dsos = await DueDsosAsync([], int.MaxValue, cancellationToken);
        using var gate = new SemaphoreSlim(MaxLanes);
        var claimed = await Task.WhenAll(dsos.Select(async dso =>
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                return await DispatchDueAsync(dso, cancellationToken);
            }
            finally
            {
                gate.Release();
            }
        }));
        return claimed.Sum();
    }

    /// <summary>Starts a lane for each DSO with due, unclaimed deliveries that has none running, while lanes are free.</summary>
    private async Task StartLanesAsync(CancellationToken stoppingToken)
    {
        var free = MaxLanes - _lanes.Count;
        if (free <= 0)
        {
            return;
        }

        foreach (var dso in await DueDsosAsync([.. _lanes.Keys], free, stoppingToken))
        {
            // The lane starts once it is registered, so that it cannot end (and unregister) before it is in the table.
            var registered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _lanes[dso] = RunLaneAsync(dso, registered.Task, stoppingToken);
            registered.SetResult();
        }
    }

    /// <summary>A DSO's lane: its due deliveries one after another, batch by batch, until none is left; then it ends.</summary>
    private async Task RunLaneAsync(DsoCode dso, Task registered, CancellationToken stoppingToken)
    {
        await registered;
        try
        {
            while (await DispatchDueAsync(dso, stoppingToken) > 0)
            {
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogError(exception, "DSO delivery to {Dso} failed; will retry on the next poll", dso);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down; what is claimed is released by the caller.
        }
        finally
        {
            _lanes.TryRemove(dso, out _);
            // Deliveries for this DSO committed while the lane ran were skipped by the main loop: look again now.
            signal.Notify();
        }
    }

    /// <summary>DSOs with deliveries due now and claimed by no one, the longest-waiting first.</summary>
    private async Task<List<DsoCode>> DueDsosAsync(IReadOnlyCollection<DsoCode> busy, int limit, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VidnovaDbContext>();
        var now = clock.GetCurrentInstant();
        return await db.Set<DsoDelivery>().AsNoTracking()
            .Where(d => d.DeliveredAt == null && d.DeadLetteredAt == null && d.NextAttemptAt <= now
                && (d.ClaimedUntil == null || d.ClaimedUntil < now) && !busy.Contains(d.DsoCode))
            .GroupBy(d => d.DsoCode)
            .OrderBy(g => g.Min(d => d.CreatedAt))
            .Select(g => g.Key)
            .Take(limit)
            .ToListAsync(cancellationToken);
    }

    /// <summary>Every third of the lease, extends the lease of the deliveries in flight (see <see cref="LeaseClaims.RenewAsync"/>).</summary>
    private async Task RenewLeasesAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay((Lease / 3).ToTimeSpan(), stoppingToken);
                await using var scope = scopes.CreateAsyncScope();
                await new DsoDeliveryClaims(scope.ServiceProvider.GetRequiredService<VidnovaDbContext>())
                    .RenewAsync(_owner, [.. _inFlight.Keys], clock.GetCurrentInstant(), Lease, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "Could not renew the DSO delivery claims; they lapse after {Lease} unless renewed", Lease);
            }
        }
    }

    /// <summary>Claims and attempts one batch of one DSO's due deliveries, oldest first; returns how many it claimed.</summary>
    private async Task<int> DispatchDueAsync(DsoCode dsoCode, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VidnovaDbContext>();
        var claimed = await new DsoDeliveryClaims(db).ClaimDueAsync(_owner, clock.GetCurrentInstant(), Lease, BatchSize, dsoCode, cancellationToken);
        if (claimed.Count == 0)
        {
            return 0;
        }

        foreach (var id in claimed)
        {
            _inFlight[id] = 0;
        }

        try
        {
            var due = await db.Set<DsoDelivery>().Where(d => claimed.Contains(d.Id)).ToListAsync(cancellationToken);
            var dso = await db.Set<DistributionOperator>().AsNoTracking().SingleAsync(d => d.Code == dsoCode, cancellationToken);
            var settings = options.CurrentValue;
            foreach (var delivery in due.OrderBy(d => d.CreatedAt))
            {
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
                _inFlight.TryRemove(delivery.Id, out _);
            }
        }
        finally
        {
            // Whatever the batch did not finish (it was cut short by an error or shutdown) is given back at once.
            var unfinished = claimed.Where(id => _inFlight.TryRemove(id, out _)).ToList();
            await ReleaseAsync(unfinished);
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

    private async Task ReleaseAsync(List<Guid> ids)
    {
        if (ids.Count == 0)
        {
            return;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await new DsoDeliveryClaims(scope.ServiceProvider.GetRequiredService<VidnovaDbContext>()).ReleaseAsync(_owner, ids, CancellationToken.None);
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Could not release {Count} unfinished DSO delivery claims; they lapse after {Lease}", ids.Count, Lease);
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
            logger.LogWarning(exception, "Could not release DSO delivery claims on shutdown; they lapse after {Lease}", Lease);
        }
    }
}
