using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Vidnova.Dso;
using Vidnova.Simulator;

// A DSO that speaks docs/dso-protocol.md: receives Vidnova's signed webhook, verifies it, answers 2xx, and later calls
// back "received" then "completed", signed with the same secret. Switches in SimulatorOptions inject failures.
var builder = WebApplication.CreateBuilder(args);
builder.Services.Configure<SimulatorOptions>(builder.Configuration.GetSection(SimulatorOptions.Section));
builder.Services.AddSingleton<SimulatedDso>();
builder.Services.AddHttpClient(SimulatedDso.CallbackClient);
var app = builder.Build();

app.MapPost("/webhook", async (HttpRequest request, SimulatedDso dso, CancellationToken cancellationToken) =>
{
    using var buffer = new MemoryStream();
    await request.Body.CopyToAsync(buffer, cancellationToken);
    var status = await dso.ReceiveAsync(request.Headers[WebhookSignature.IdempotencyKeyHeader].ToString(),
        request.Headers[WebhookSignature.TimestampHeader].ToString(), request.Headers[WebhookSignature.SignatureHeader].ToString(),
        buffer.ToArray(), cancellationToken);
    return Results.StatusCode(status);
});
app.MapGet("/stats", (SimulatedDso dso) => Results.Ok(dso.Stats()));
app.MapGet("/", () => Results.Text("Vidnova DSO simulator: POST /webhook, GET /stats"));
await app.RunAsync();

namespace Vidnova.Simulator
{
    /// <summary>The simulated DSO's state: requests seen by idempotency key, and the callbacks it owes.</summary>
    public sealed class SimulatedDso(IHttpClientFactory httpClients, IOptionsMonitor<SimulatorOptions> options, ILogger<SimulatedDso> logger)
    {
        public const string CallbackClient = "vidnova-callbacks";

        private readonly ConcurrentDictionary<string, Guid> _accepted = new();
        private int _calls;
        private int _injectedFailures;
        private int _refusedSignatures;
        private int _callbacksSent;

        public async Task<int> ReceiveAsync(string idempotencyKey, string timestamp, string signature, byte[] body, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
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

#pragma warning disable CA5394 // Fault injection, not security.
            if (settings.FailPercent > 0 && Random.Shared.NextDouble() * 100 < settings.FailPercent)
#pragma warning restore CA5394
            {
                Interlocked.Increment(ref _injectedFailures);
                logger.LogInformation("Injected a 500 for {Key}", idempotencyKey);
                return StatusCodes.Status500InternalServerError;
            }

            var requestId = RequestIdOf(body);
            if (requestId is null)
            {
                return StatusCodes.Status400BadRequest;
            }

            if (!_accepted.TryAdd(idempotencyKey, requestId.Value))
            {
                logger.LogInformation("Repeat of {Key}: acknowledged again, nothing new", idempotencyKey);
                return StatusCodes.Status200OK;
            }

            logger.LogInformation("Accepted request {RequestId} ({Key})", requestId, idempotencyKey);
            if (!settings.NoCallbacks)
            {
                _ = Task.Run(() => CallBackAsync(requestId.Value), CancellationToken.None);
            }

            return StatusCodes.Status202Accepted;
        }

        public object Stats() => new
        {
            calls = _calls,
            accepted = _accepted.Count,
            injectedFailures = _injectedFailures,
            refusedSignatures = _refusedSignatures,
            callbacksSent = _callbacksSent,
        };

        private static Guid? RequestIdOf(byte[] body)
        {
            try
            {
                using var json = JsonDocument.Parse(body);
                return json.RootElement.TryGetProperty("request", out var request) && request.TryGetProperty("id", out var id) && id.TryGetGuid(out var value)
                    ? value
                    : null;
            }
            catch (JsonException)
            {
                return null;
            }
        }

        private async Task CallBackAsync(Guid requestId)
        {
            var settings = options.CurrentValue;
            await Task.Delay(TimeSpan.FromSeconds(settings.ReceivedAfterSeconds));
            await SendEventAsync(requestId, "received");
            await Task.Delay(TimeSpan.FromSeconds(settings.CompletedAfterSeconds));
            await SendEventAsync(requestId, "completed");
        }

        /// <summary>One callback, retried a few times with the same event id (Vidnova ignores the repeat if the first got through).</summary>
        private async Task SendEventAsync(Guid requestId, string type)
        {
            var settings = options.CurrentValue;
            var body = JsonSerializer.SerializeToUtf8Bytes(new
            {
                eventId = $"{requestId:N}.{type}",
                requestId,
                type,
                occurredAt = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            });
            var url = new Uri($"{settings.VidnovaBaseUrl.TrimEnd('/')}/api/v1/dso/webhooks/{settings.DsoCode}");
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
    }
}
