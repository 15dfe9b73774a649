using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Vidnova.Dso;

namespace Vidnova.Demo;

/// <summary>
/// A DSO that speaks docs/dso-protocol.md, for the standalone simulator (<c>src/Vidnova.Simulator</c>) and the
/// Development demo (<c>DemoDsoSimulator</c>): verifies each signed webhook, answers 2xx, and later calls back
/// <c>received</c> then <c>completed</c>, signed with the same secret, to the DSO named in the body.
/// <see cref="SimulatorOptions"/> inject failures. It remembers requests by idempotency key, in memory.
/// </summary>
public sealed class SimulatedDso(IHttpClientFactory httpClients, IOptionsMonitor<SimulatorOptions> options, ILogger<SimulatedDso> logger)
{
    public const string CallbackClient = "vidnova-callbacks";

    /// <summary>The protocol's event type for a new request (the simulator does not see the host's constants).</summary>
    private const string RestorationRequested = "restoration_requested";

    private readonly ConcurrentDictionary<string, Guid> _accepted = new();
    private int _calls;
    private int _injectedFailures;
    private int _refusedSignatures;
    private int _callbacksSent;

    public async Task<int> ReceiveAsync(string idempotencyKey, string timestamp, string signature, byte[] body, CancellationToken cancellationToken)
    {
        var call = Interlocked.Increment(ref _calls);
        var settings = options.CurrentValue;
        if (settings.ResponseDelayMilliseconds > 0)
        {
            await Task.Delay(settings.ResponseDelayMilliseconds, cancellationToken);
        }

        var check = WebhookSignature.Verify(settings.Secret, timestamp, signature, body, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), WebhookSignature.DefaultTolerance);
        if (check != SignatureCheck.Valid)
        {
            Interlocked.Increment(ref _refusedSignatures);
            logger.LogWarning("Refused webhook {Key}: signature {Check}", idempotencyKey, check);
            return StatusCodes.Status401Unauthorized;
        }

        if (IsInjectedFailure(call, settings.FailPercent))
        {
            Interlocked.Increment(ref _injectedFailures);
            logger.LogInformation("Injected a 500 for {Key}", idempotencyKey);
            return StatusCodes.Status500InternalServerError;
        }

        if (EventOf(body) is not { } message)
        {
            return StatusCodes.Status400BadRequest;
        }

        if (!_accepted.TryAdd(idempotencyKey, message.RequestId))
        {
            logger.LogInformation("Repeat of {Key}: acknowledged again, nothing new", idempotencyKey);
            return StatusCodes.Status200OK;
        }

        logger.LogInformation("Accepted {EventType} for request {RequestId} ({Key})", message.EventType, message.RequestId, idempotencyKey);
        // Only a new request is worked on; a reminder needs no answer beyond the 2xx.
        if (!settings.NoCallbacks && message.EventType == RestorationRequested)
        {
            _ = Task.Run(() => CallBackAsync(message.DsoCode ?? settings.DsoCode, message.RequestId), CancellationToken.None);
        }

        return StatusCodes.Status202Accepted;
    }

    /// <summary>
    /// Spreads the failures evenly over the calls — at 50 % every second call, at 25 % every fourth — so that a run
    /// with failures is the same run every time.
    /// </summary>
    private static bool IsInjectedFailure(int call, double failPercent) =>
        Math.Floor(call * failPercent / 100) > Math.Floor((call - 1) * failPercent / 100);

    public object Stats() => new
    {
        calls = _calls,
        accepted = _accepted.Count,
        injectedFailures = _injectedFailures,
        refusedSignatures = _refusedSignatures,
        callbacksSent = _callbacksSent,
    };

    private static WebhookEvent? EventOf(byte[] body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            return root.TryGetProperty("request", out var request) && request.TryGetProperty("id", out var id) && id.TryGetGuid(out var value)
                ? new WebhookEvent(
                    root.TryGetProperty("eventType", out var type) ? type.GetString() : null,
                    root.TryGetProperty("dsoCode", out var dso) ? dso.GetString() : null,
                    value)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private async Task CallBackAsync(string dsoCode, Guid requestId)
    {
        var settings = options.CurrentValue;
        await Task.Delay(TimeSpan.FromSeconds(settings.ReceivedAfterSeconds));
        await SendEventAsync(dsoCode, requestId, "received");
        await Task.Delay(TimeSpan.FromSeconds(settings.CompletedAfterSeconds));
        await SendEventAsync(dsoCode, requestId, "completed");
    }

    /// <summary>One callback, retried a few times with the same event id (Vidnova ignores the repeat if the first got through).</summary>
    private async Task SendEventAsync(string dsoCode, Guid requestId, string type)
    {
        var settings = options.CurrentValue;
        var body = JsonSerializer.SerializeToUtf8Bytes(new
        {
            eventId = $"{requestId:N}.{type}",
            requestId,
            type,
            occurredAt = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        });
        var url = new Uri($"{settings.VidnovaBaseUrl.TrimEnd('/')}/api/v1/dso/webhooks/{dsoCode}");
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            var secret = settings.WrongSignature ? settings.Secret + "-wrong" : settings.Secret;
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(secret, timestamp, body));
            try
            {
                using var response = await httpClients.CreateClient(CallbackClient).SendAsync(request);
                var answer = await response.Content.ReadAsStringAsync();
                logger.LogInformation("Callback {Type} for {RequestId}: {Status} {Answer}", type, requestId, (int)response.StatusCode, answer);
                if (response.IsSuccessStatusCode || (int)response.StatusCode is >= 400 and < 500)
                {
                    Interlocked.Increment(ref _callbacksSent);
                    return;
                }
            }
            catch (HttpRequestException exception)
            {
                logger.LogWarning(exception, "Callback {Type} for {RequestId} failed (attempt {Attempt})", type, requestId, attempt);
            }

            await Task.Delay(TimeSpan.FromSeconds(Math.Pow(2, attempt)));
        }
    }

    private sealed record WebhookEvent(string? EventType, string? DsoCode, Guid RequestId);
}
