using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Vidnova.Dso;

namespace Vidnova.Tests.Dso;

/// <summary>
/// A DSO webhook on 127.0.0.1 and a free port: verifies each call's signature against the test's clock, answers
/// 500 to the first <c>failFirst</c> calls (and, with <c>failPercent</c>, to that share of the rest, from a seeded
/// random sequence), drops the connection while <see cref="Down"/>, and remembers every call. Like a real DSO it
/// accepts each Idempotency-Key once and, when <see cref="OnAccepted"/> is set, reports back on the new request.
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Random _faults;
    private readonly double _failPercent;
    private readonly ConcurrentDictionary<string, bool> _accepted = new();
    private readonly ConcurrentBag<Task> _reports = [];
    private int _failuresLeft;
    private int _hanging;

    private WebhookReceiver(WebApplication app, int failFirst, double failPercent, int seed)
    {
        _app = app;
        _failuresLeft = failFirst;
        _failPercent = failPercent;
        _faults = new Random(seed);
    }

    public ConcurrentQueue<ReceivedCall> Calls { get; } = new();

    public Uri Url { get; private set; } = null!;

    /// <summary>While true every call is cut off without an answer, as when the DSO's server is down.</summary>
    public bool Down { get; set; }

    /// <summary>While set, every call waits for it (or for the caller to give up) before answering, as a DSO that hangs.</summary>
    public TaskCompletionSource? Hang { get; set; }

    /// <summary>Calls waiting on <see cref="Hang"/> right now.</summary>
    public int Hanging => Volatile.Read(ref _hanging);

    /// <summary>Called (in the background) with each newly accepted delivery's body, e.g. to send the DSO's callbacks.</summary>
    public Func<ReceivedCall, Task>? OnAccepted { get; set; }

    /// <summary>Idempotency keys answered 2xx, each counted once however often it came.</summary>
    public IReadOnlyCollection<string> AcceptedKeys => _accepted.Keys.ToList();

    public static async Task<WebhookReceiver> StartAsync(string secret, Func<long> nowUnixSeconds, int failFirst = 0, double failPercent = 0, int seed = 5)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, failFirst, failPercent, seed);
        app.MapPost("/hook", async (HttpContext context) =>
        {
            var request = context.Request;
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer);
            var key = request.Headers[WebhookSignature.IdempotencyKeyHeader].ToString();
            var body = System.Text.Encoding.UTF8.GetString(buffer.ToArray());
            if (receiver.Hang is { } hang)
            {
                Interlocked.Increment(ref receiver._hanging);
                try
                {
                    await hang.Task.WaitAsync(context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                finally
                {
                    Interlocked.Decrement(ref receiver._hanging);
                }
            }

            if (receiver.Down)
            {
                receiver.Calls.Enqueue(new ReceivedCall(key, SignatureCheck.Mismatch, 0, body));
                context.Abort();
                return;
            }

            var check = WebhookSignature.Verify(secret, request.Headers[WebhookSignature.TimestampHeader], request.Headers[WebhookSignature.SignatureHeader],
                buffer.ToArray(), nowUnixSeconds(), WebhookSignature.DefaultTolerance);
            var status = check != SignatureCheck.Valid ? 401 : receiver.InjectFailure() ? 500 : 200;
            var call = new ReceivedCall(key, check, status, body);
            receiver.Calls.Enqueue(call);
            if (status == 200 && receiver._accepted.TryAdd(key, true) && receiver.OnAccepted is { } report)
            {
                receiver._reports.Add(Task.Run(() => report(call)));
            }

            context.Response.StatusCode = status;
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        receiver.Url = new Uri(new Uri(address), "/hook");
        return receiver;
    }

    /// <summary>Waits for every report <see cref="OnAccepted"/> started so far, failing the test with its exception.</summary>
    public Task ReportsSentAsync() => Task.WhenAll(_reports);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private bool InjectFailure()
    {
        if (Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            return true;
        }

        lock (_faults)
        {
            return _faults.NextDouble() * 100 < _failPercent;
        }
    }
}

/// <summary>One call as the receiver saw it; <see cref="Status"/> 0 when it was cut off while <see cref="WebhookReceiver.Down"/>.</summary>
internal sealed record ReceivedCall(string IdempotencyKey, SignatureCheck Signature, int Status, string Body);
