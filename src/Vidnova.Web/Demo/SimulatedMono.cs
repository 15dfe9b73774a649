using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Vidnova.Payments.Online.Mono;

namespace Vidnova.Demo;

/// <summary>
/// Plata by mono's acquiring API as a merchant sees it, for the demo and the tests: <c>invoice/create</c> (with the
/// merchant's <c>X-Token</c>) gives an invoice and its payment page, where the customer pays or declines; the
/// simulator then posts the invoice's statuses (<c>processing</c>, then <c>success</c> or <c>failure</c>) to its
/// <c>webHookUrl</c>, each signed in <c>X-Sign</c> with the simulator's own ECDSA P-256 key, whose public half
/// <c>pubkey</c> gives (<see cref="MonoSimulatorOptions"/> duplicate, forge, reorder or drop them), and sends the
/// browser to <c>redirectUrl</c>. <c>invoice/status</c> answers the same fields; <c>invoice/cancel</c> reverses a paid
/// invoice. The key can be rotated to see Vidnova fetch it again. Invoices live in memory.
/// </summary>
public sealed class SimulatedMono(IHttpClientFactory httpClients, IOptionsMonitor<MonoSimulatorOptions> options, ILogger<SimulatedMono> logger) : IDisposable
{
    public const string WebhookClient = "mono-simulator-webhooks";

    private readonly ConcurrentDictionary<string, Invoice> _invoices = new();
    private readonly Lock _keyLock = new();
    private ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private int _webhooksSent;
    private int _refusedRequests;
    private int _publicKeyRequests;

    public bool IsAuthorized(string? token)
    {
        var ok = !string.IsNullOrEmpty(token) && token == options.CurrentValue.Token;
        if (!ok)
        {
            Interlocked.Increment(ref _refusedRequests);
        }

        return ok;
    }

    /// <summary>The <c>key</c> of <c>GET /api/merchant/pubkey</c>: the base64 of the public key's PEM.</summary>
    public string PublicKey()
    {
        Interlocked.Increment(ref _publicKeyRequests);
        lock (_keyLock)
        {
            return MonoProtocol.ExportPublicKey(_key);
        }
    }

    /// <summary>A new signing key, as when mono rotates the merchant's: webhooks signed with it fail against a cached old one.</summary>
    public void RotateKey()
    {
        lock (_keyLock)
        {
            _key.Dispose();
            _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        }
    }

    /// <summary>The <c>X-Sign</c> of a body as the simulator signs its webhooks (tests send their own through it).</summary>
    public string Sign(byte[] body)
    {
        lock (_keyLock)
        {
            return MonoProtocol.Sign(_key, body);
        }
    }

    /// <summary><c>POST /api/merchant/invoice/create</c>'s body; null when it is not a valid invoice request.</summary>
    public Invoice? Create(JsonObject? body)
    {
        if (body?.Number("amount") is not { } amount || amount <= 0 || (body.Number("ccy") ?? MonoProtocol.Hryvnia) != MonoProtocol.Hryvnia)
        {
            Interlocked.Increment(ref _refusedRequests);
            return null;
        }

        var info = body["merchantPaymInfo"] as JsonObject;
        var invoice = new Invoice($"sim{Guid.NewGuid():N}"[..20], amount, info?.Text("reference"), info?.Text("destination") ?? "",
            body.Text("redirectUrl"), body.Text("webHookUrl"));
        _invoices[invoice.InvoiceId] = invoice;
        return invoice;
    }

    public Invoice? Find(string invoiceId) => _invoices.GetValueOrDefault(invoiceId);

    /// <summary>The customer pressed «Сплатити» or «Відхилити»: <c>processing</c>, then the outcome, posted to the merchant.</summary>
    public async Task DecideAsync(Invoice invoice, bool pay, CancellationToken cancellationToken)
    {
        var processing = invoice.Move("processing");
        var outcome = invoice.Move(pay ? "success" : "failure");
        var order = options.CurrentValue.OutOfOrder ? new[] { outcome, processing } : [processing, outcome];
        foreach (var status in order)
        {
            await PostWebhookAsync(invoice, status, cancellationToken);
        }
    }

    /// <summary><c>POST /api/merchant/invoice/cancel</c>: a paid invoice is reversed and the merchant told.</summary>
    public async Task<bool> CancelAsync(Invoice invoice, CancellationToken cancellationToken)
    {
        if (invoice.Status != "success")
        {
            return false;
        }

        await PostWebhookAsync(invoice, invoice.Move("reversed"), cancellationToken);
        return true;
    }

    /// <summary>The invoice's fields as <c>invoice/status</c> and the webhooks carry them, at its current status.</summary>
    public static JsonObject Fields(Invoice invoice) => Fields(invoice, invoice.Current);

    public object Stats() => new { invoices = _invoices.Count, webhooksSent = _webhooksSent, refusedRequests = _refusedRequests, publicKeyRequests = _publicKeyRequests };

    public void Dispose() => _key.Dispose();

    private static JsonObject Fields(Invoice invoice, Invoice.State state)
    {
        var fields = new JsonObject
        {
            ["invoiceId"] = invoice.InvoiceId,
            ["status"] = state.Status,
            ["amount"] = invoice.Amount,
            ["ccy"] = MonoProtocol.Hryvnia,
            ["finalAmount"] = state.Status is "success" ? invoice.Amount : 0,
            ["createdDate"] = Iso(invoice.CreatedDate),
            ["modifiedDate"] = Iso(state.ModifiedDate),
            ["reference"] = invoice.Reference,
            ["destination"] = invoice.Destination,
        };
        if (state.Status is "failure")
        {
            fields["failureReason"] = "Відмова платника";
            fields["errCode"] = "59";
        }

        if (state.Status is "success" or "reversed")
        {
            fields["paymentInfo"] = new JsonObject { ["maskedPan"] = "444403******1902", ["approvalCode"] = "662476", ["rrn"] = "060189181768", ["paymentSystem"] = "visa" };
        }

        return fields;
    }

    private static string Iso(DateTimeOffset moment) => moment.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>One status's webhook, as configured: copies at once, a forgery first, or lost.</summary>
    private async Task PostWebhookAsync(Invoice invoice, Invoice.State state, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        if (settings.DropWebhooks || invoice.WebHookUrl is null)
        {
            logger.LogInformation("mono simulator: webhook {Status} of {InvoiceId} lost on the way", state.Status, invoice.InvoiceId);
            return;
        }

        var body = System.Text.Encoding.UTF8.GetBytes(Fields(invoice, state).ToJsonString());
        if (settings.ForgedWebhookFirst)
        {
            using var forger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            await SendAsync(invoice, state, body, MonoProtocol.Sign(forger, body), cancellationToken);
        }

        var signature = Sign(body);
        await Task.WhenAll(Enumerable.Range(0, Math.Max(1, settings.WebhookCopies)).Select(_ => SendAsync(invoice, state, body, signature, cancellationToken)));
    }

    private async Task SendAsync(Invoice invoice, Invoice.State state, byte[] body, string signature, CancellationToken cancellationToken)
    {
        try
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            using var request = new HttpRequestMessage(HttpMethod.Post, invoice.WebHookUrl) { Content = content };
            request.Headers.Add(MonoProtocol.SignatureHeader, signature);
            using var response = await httpClients.CreateClient(WebhookClient).SendAsync(request, cancellationToken);
            Interlocked.Increment(ref _webhooksSent);
            logger.LogInformation("mono simulator: webhook {Status} of {InvoiceId} answered {Code}", state.Status, invoice.InvoiceId, (int)response.StatusCode);
        }
        catch (HttpRequestException exception)
        {
            logger.LogWarning(exception, "mono simulator: webhook {Status} of {InvoiceId} failed", state.Status, invoice.InvoiceId);
        }
    }

    /// <summary>One invoice; its status moves created → processing → success/failure → reversed, each dated later than the one before.</summary>
    public sealed class Invoice(string invoiceId, long amount, string? reference, string destination, string? redirectUrl, string? webHookUrl)
    {
        private readonly Lock _lock = new();
        private State _current = new("created", DateTimeOffset.UtcNow);

        public string InvoiceId { get; } = invoiceId;

        public long Amount { get; } = amount;

        public string? Reference { get; } = reference;

        public string Destination { get; } = destination;

        public string? RedirectUrl { get; } = redirectUrl;

        public string? WebHookUrl { get; } = webHookUrl;

        public DateTimeOffset CreatedDate { get; } = DateTimeOffset.UtcNow;

        public State Current
        {
            get
            {
                lock (_lock)
                {
                    return _current;
                }
            }
        }

        public string Status => Current.Status;

        /// <summary>The invoice moves to <paramref name="status"/>, dated at least a millisecond after its last status.</summary>
        public State Move(string status)
        {
            lock (_lock)
            {
                var now = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
                _current = new State(status, now > _current.ModifiedDate ? now : _current.ModifiedDate.AddMilliseconds(1));
                return _current;
            }
        }

        public sealed record State(string Status, DateTimeOffset ModifiedDate);
    }
}
