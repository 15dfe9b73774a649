using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using NodaTime;
using Vidnova.Kernel;

namespace Vidnova.Payments.Online.LiqPay;

/// <summary>
/// LiqPay API v3 (https://www.liqpay.ua/doc): the checkout form (<c>action: pay</c>), the server callback and the
/// status API (<c>action: status</c>), all in <see cref="LiqPayProtocol"/>'s signed envelope. The same code talks to
/// LiqPay and to the demo's simulator; only <see cref="LiqPayOptions.CheckoutUrl"/> and <see cref="LiqPayOptions.ApiUrl"/> differ.
/// </summary>
internal sealed class LiqPayProvider(IHttpClientFactory httpClients, IOptionsMonitor<LiqPayOptions> options, ILogger<LiqPayProvider> logger)
    : IOnlinePaymentProvider
{
    public const string ProviderName = "liqpay";
    public const string HttpClientName = "liqpay";

    public string Name => ProviderName;

    public bool IsAvailable => options.CurrentValue is { PublicKey.Length: > 0, PrivateKey.Length: > 0 };

    public string CallbackPath => "callback";

    public Task<ProviderCheckout> CreateCheckoutAsync(CheckoutOrder order, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var fields = new JsonObject
        {
            ["version"] = LiqPayProtocol.Version,
            ["public_key"] = settings.PublicKey,
            ["action"] = "pay",
            ["amount"] = order.Amount.Amount,
            ["currency"] = "UAH",
            ["description"] = order.Description,
            ["order_id"] = order.OrderId,
            ["result_url"] = order.ResultUrl.AbsoluteUri,
            ["server_url"] = order.ServerUrl.AbsoluteUri,
            ["language"] = order.Language,
        };
        if (settings.Sandbox)
        {
            fields["sandbox"] = 1;
        }

        var data = LiqPayProtocol.Encode(fields);
        var signature = LiqPayProtocol.Sign(settings.PrivateKey!, data);
        // LiqPay takes the same envelope as a link, for the app and chatbots that cannot post a form.
        var link = new Uri($"{settings.CheckoutUrl}?data={Uri.EscapeDataString(data)}&signature={Uri.EscapeDataString(signature)}");
        return Task.FromResult(new ProviderCheckout(link, new CheckoutForm(settings.CheckoutUrl, data, signature)));
    }

    public Task<CallbackCheck> ReadCallbackAsync(ProviderCallback callback, CancellationToken cancellationToken)
    {
        var data = callback.Fields.GetValueOrDefault("data");
        var signature = callback.Fields.GetValueOrDefault("signature");
        if (string.IsNullOrEmpty(data) || string.IsNullOrEmpty(signature))
        {
            return Task.FromResult<CallbackCheck>(new CallbackCheck.Refused("callback_signature_missing",
                "Зворотний виклик LiqPay має містити поля форми data і signature."));
        }

        // Nothing of data is read before its signature is checked.
        if (!LiqPayProtocol.IsSigned(options.CurrentValue.PrivateKey, data, signature))
        {
            return Task.FromResult<CallbackCheck>(new CallbackCheck.Refused("callback_signature_invalid", "Підпис зворотного виклику LiqPay невірний."));
        }

        return Task.FromResult(LiqPayProtocol.Decode(data) is { } fields && Report(fields) is { } report
            ? new CallbackCheck.Valid(report)
            : (CallbackCheck)new CallbackCheck.Refused("callback_unreadable", "Зворотний виклик LiqPay підписано, але його дані не вдалося прочитати."));
    }

    public async Task<ProviderReport?> QueryStatusAsync(string orderId, string? providerPaymentId, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var data = LiqPayProtocol.Encode(new JsonObject
        {
            ["version"] = LiqPayProtocol.Version,
            ["public_key"] = settings.PublicKey,
            ["action"] = "status",
            ["order_id"] = orderId,
        });
        using var form = new FormUrlEncodedContent([new("data", data), new("signature", LiqPayProtocol.Sign(settings.PrivateKey!, data))]);
        using var response = await httpClients.CreateClient(HttpClientName).PostAsync(settings.ApiUrl, form, cancellationToken);
        response.EnsureSuccessStatusCode();
        JsonObject? answer;
        try
        {
            answer = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken)) as JsonObject;
        }
        catch (JsonException exception)
        {
            throw new HttpRequestException("LiqPay's status API answered with something other than JSON.", exception);
        }

        if (answer is null || answer.Text("err_code") == "payment_not_found")
        {
            return null;
        }

        if (answer.Text("result") == "error" && answer.Text("order_id") is null)
        {
            // An error about the request itself (a wrong key, say), not about the order: the order's state is unknown.
            logger.LogError("LiqPay refused the status request for {OrderId}: {Code} {Description}", orderId, answer.Text("err_code"), answer.Text("err_description"));
            return null;
        }

        return Report(answer);
    }

    private ProviderReport? Report(JsonObject fields)
    {
        if (fields.Text("order_id") is not { Length: > 0 } orderId || fields.Text("status") is not { Length: > 0 } status)
        {
            return null;
        }

        if (fields.Text("public_key") is { } key && key != options.CurrentValue.PublicKey)
        {
            // Signed with our private key but about another shop's key: not ours to act on.
            return null;
        }

        Money? amount = decimal.TryParse(fields.Text("amount"), NumberStyles.Number, CultureInfo.InvariantCulture, out var value) && Money.TryParse(value, out var money)
            ? money
            : null;
        Instant? at = long.TryParse(fields.Text("end_date") ?? fields.Text("create_date"), NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            && ms is > 0 and < 32_503_680_000_000
            ? Instant.FromUnixTimeMilliseconds(ms)
            : null;
        return new ProviderReport(orderId, status, OutcomeOf(status), amount, fields.Text("currency"), fields.Text("payment_id"), at);
    }

    private ReportedOutcome OutcomeOf(string status) => status switch
    {
        "success" => ReportedOutcome.Paid,
        "sandbox" => options.CurrentValue.Sandbox ? ReportedOutcome.Paid : ReportedOutcome.Ignored,
        "failure" or "error" => ReportedOutcome.Failed,
        "reversed" => ReportedOutcome.Reversed,
        // processing, wait_accept, wait_secure, 3ds_verify, otp_verify and LiqPay's other waiting statuses, and any it
        // adds later: still under way; the status API is asked again while the order is pending.
        _ => ReportedOutcome.Pending,
    };
}
