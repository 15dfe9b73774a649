using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using NodaTime;
using NodaTime.Text;
using Vidnova.Kernel;

namespace Vidnova.Payments.Online.Mono;

/// <summary>
/// Plata by mono (monobank acquiring): the order becomes an invoice (<c>POST /api/merchant/invoice/create</c> with
/// <c>X-Token</c>, the amount in kopiyky, our order id as <c>merchantPaymInfo.reference</c>) whose <c>pageUrl</c> the
/// customer pays on; mono posts the invoice's status to <c>webHookUrl</c> signed in <c>X-Sign</c>
/// (<see cref="MonoProtocol"/>), and <c>GET /api/merchant/invoice/status</c> answers the same fields when asked.
/// Statuses may arrive out of order, so each report carries <c>modifiedDate</c> as <see cref="ProviderReport.StatusAt"/>.
/// The same code talks to mono and to the demo's simulator; only <see cref="MonoOptions.ApiUrl"/> differs.
/// </summary>
internal sealed class MonoProvider(IHttpClientFactory httpClients, IOptionsMonitor<MonoOptions> options, MonoPublicKey publicKey, ILogger<MonoProvider> logger)
    : IOnlinePaymentProvider
{
    public const string ProviderName = "mono";
    public const string HttpClientName = "mono";

    public string Name => ProviderName;

    public bool IsAvailable => options.CurrentValue is { Token.Length: > 0 };

    public string CallbackPath => "webhook";

    public static Uri Base(MonoOptions settings) => new(settings.ApiUrl.TrimEnd('/') + "/");

    public async Task<ProviderCheckout> CreateCheckoutAsync(CheckoutOrder order, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Base(settings), MonoProtocol.InvoiceCreatePath))
        {
            Content = JsonContent.Create(new JsonObject
            {
                ["amount"] = order.Amount.Kopiyky,
                ["ccy"] = MonoProtocol.Hryvnia,
                ["merchantPaymInfo"] = new JsonObject { ["reference"] = order.OrderId, ["destination"] = order.Description },
                ["redirectUrl"] = order.ResultUrl.AbsoluteUri,
                ["webHookUrl"] = order.ServerUrl.AbsoluteUri,
            }),
        };
        request.Headers.Add(MonoProtocol.TokenHeader, settings.Token);
        using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
        var answer = await ReadAsync(response, cancellationToken);
        if (!response.IsSuccessStatusCode || answer?.Text("invoiceId") is not { Length: > 0 } invoiceId
            || !Uri.TryCreate(answer.Text("pageUrl"), UriKind.Absolute, out var pageUrl))
        {
            // A refused token or request is ours to fix, not the customer's: logged, and the checkout is unavailable.
            logger.LogError("mono refused to create the invoice of order {OrderId}: {Status} {Code} {Text}", order.OrderId, (int)response.StatusCode,
                answer?.Text("errCode"), answer?.Text("errText"));
            throw new HttpRequestException($"mono answered {(int)response.StatusCode} to invoice/create.", null, response.StatusCode);
        }

        return new ProviderCheckout(pageUrl, null, invoiceId);
    }

    public async Task<CallbackCheck> ReadCallbackAsync(ProviderCallback callback, CancellationToken cancellationToken)
    {
        var signature = callback.Headers.GetValueOrDefault(MonoProtocol.SignatureHeader);
        if (string.IsNullOrEmpty(signature) || callback.Body.IsEmpty)
        {
            return new CallbackCheck.Refused("callback_signature_missing", "Вебхук mono має містити тіло JSON і заголовок X-Sign з його підписом.");
        }

        if (!IsAvailable)
        {
            // Without a token there is no key to ask mono for, and nothing signed is believed.
            return new CallbackCheck.Refused("callback_signature_invalid", "Підпис вебхука mono (X-Sign) невірний.");
        }

        // Nothing of the body is read before its signature is checked; a failure may mean a rotated key: fetch it once more.
        var key = await publicKey.CurrentAsync(cancellationToken);
        var signed = key is { } current && MonoProtocol.IsSigned(current, callback.Body.Span, signature);
        if (!signed && await publicKey.RefreshAsync(key, cancellationToken) is { } refreshed && !MonoPublicKey.SameKey(refreshed, key))
        {
            signed = MonoProtocol.IsSigned(refreshed, callback.Body.Span, signature);
        }

        if (!signed)
        {
            return new CallbackCheck.Refused("callback_signature_invalid", "Підпис вебхука mono (X-Sign) невірний.");
        }

        return MonoProtocol.Parse(callback.Body.Span) is { } fields && Report(fields) is { } report
            ? new CallbackCheck.Valid(report)
            : new CallbackCheck.Refused("callback_unreadable", "Вебхук mono підписано, але його дані не вдалося прочитати.");
    }

    public async Task<ProviderReport?> QueryStatusAsync(string orderId, string? providerPaymentId, CancellationToken cancellationToken)
    {
        if (providerPaymentId is null)
        {
            // The invoice was never created (mono did not answer at checkout): there is nothing to ask about.
            return null;
        }

        var settings = options.CurrentValue;
        using var request = new HttpRequestMessage(HttpMethod.Get,
            new Uri(Base(settings), $"{MonoProtocol.InvoiceStatusPath}?invoiceId={Uri.EscapeDataString(providerPaymentId)}"));
        request.Headers.Add(MonoProtocol.TokenHeader, settings.Token);
        using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
        var answer = await ReadAsync(response, cancellationToken);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest)
        {
            logger.LogWarning("mono knows no invoice {InvoiceId} of order {OrderId}: {Code} {Text}", providerPaymentId, orderId,
                answer?.Text("errCode"), answer?.Text("errText"));
            return null;
        }

        response.EnsureSuccessStatusCode();
        return answer is null
            ? throw new HttpRequestException("mono's invoice status answer is not a JSON object.")
            : Report(answer);
    }

    private static async Task<JsonObject?> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken)) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// An invoice's fields in our terms: the order is its <c>reference</c>, the amount is in kopiyky, and
    /// <c>modifiedDate</c> (ISO 8601) orders its statuses.
    /// </summary>
    private static ProviderReport? Report(JsonObject fields)
    {
        if (fields.Text("reference") is not { Length: > 0 } orderId || fields.Text("status") is not { Length: > 0 } status)
        {
            return null;
        }

        Money? amount = fields.Number("amount") is { } kopiyky and > 0 ? Money.FromKopiyky(kopiyky) : null;
        var currency = fields.Number("ccy") is { } ccy ? ccy == MonoProtocol.Hryvnia ? "UAH" : ccy.ToString(CultureInfo.InvariantCulture) : null;
        var modified = InstantOf(fields.Text("modifiedDate")) ?? InstantOf(fields.Text("createdDate"));
        return new ProviderReport(orderId, status, OutcomeOf(status), amount, currency, fields.Text("invoiceId"), modified, modified);
    }

    private static Instant? InstantOf(string? text) =>
        text is not null && OffsetDateTimePattern.ExtendedIso.Parse(text) is { Success: true } parsed ? parsed.Value.ToInstant()
        : text is not null && InstantPattern.ExtendedIso.Parse(text) is { Success: true } instant ? instant.Value
        : null;

    private static ReportedOutcome OutcomeOf(string status) => status switch
    {
        "success" => ReportedOutcome.Paid,
        "failure" or "expired" => ReportedOutcome.Failed,
        "reversed" => ReportedOutcome.Reversed,
        // created, processing and hold (the money is held, not yet taken), and any status mono adds later: under way.
        _ => ReportedOutcome.Pending,
    };
}
