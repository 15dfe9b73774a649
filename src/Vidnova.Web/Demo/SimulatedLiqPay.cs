using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Vidnova.Payments.Online.LiqPay;

namespace Vidnova.Demo;

/// <summary>
/// LiqPay API v3 as a shop sees it, for the demo and the tests: the checkout page takes the signed <c>data</c> and
/// <c>signature</c>, the customer pays or declines, and the simulator sends the signed server callback to the
/// order's <c>server_url</c> (<see cref="LiqPaySimulatorOptions"/> duplicate, forge or drop it) before sending the
/// browser to <c>result_url</c>. Its server API answers <c>action: status</c> and <c>action: refund</c> (which
/// reverses a paid order and calls back <c>reversed</c>). Orders live in memory.
/// </summary>
public sealed class SimulatedLiqPay(IHttpClientFactory httpClients, IOptionsMonitor<LiqPaySimulatorOptions> options, ILogger<SimulatedLiqPay> logger)
{
    public const string CallbackClient = "liqpay-simulator-callbacks";

    private readonly ConcurrentDictionary<string, Order> _orders = new();
    private int _callbacksSent;
    private int _refusedRequests;

    /// <summary>A checkout as the customer's browser brought it; null when its signature or fields are not LiqPay's.</summary>
    public Order? Open(string? data, string? signature)
    {
        var settings = options.CurrentValue;
        if (!LiqPayProtocol.IsSigned(settings.PrivateKey, data, signature) || LiqPayProtocol.Decode(data!) is not { } fields
            || fields.Text("public_key") != settings.PublicKey || fields.Text("action") != "pay"
            || fields.Text("order_id") is not { Length: > 0 } orderId
            || !decimal.TryParse(fields.Text("amount"), NumberStyles.Number, CultureInfo.InvariantCulture, out var amount) || amount <= 0)
        {
            Interlocked.Increment(ref _refusedRequests);
            return null;
        }

        return _orders.GetOrAdd(orderId, _ => new Order(orderId, amount, fields.Text("currency") ?? "UAH", fields.Text("description") ?? "",
            fields.Text("result_url"), fields.Text("server_url"), fields.Text("sandbox") == "1", $"{Random.Shared.NextInt64(1_000_000_000, 9_999_999_999)}"));
    }

    public Order? Find(string orderId) => _orders.GetValueOrDefault(orderId);

    /// <summary>The customer pressed «Сплатити» or «Відхилити»: the outcome, called back to the shop.</summary>
    public async Task DecideAsync(Order order, bool pay, CancellationToken cancellationToken)
    {
        var outcome = !pay ? "failure" : order.Sandbox ? "sandbox" : "success";
        var settings = options.CurrentValue;
        if (settings.ProcessingSeconds > 0)
        {
            order.Status = "processing";
            await CallBackAsync(order, cancellationToken);
            _ = Task.Run(async () =>
            {
                await Task.Delay(TimeSpan.FromSeconds(settings.ProcessingSeconds), CancellationToken.None);
                order.Status = outcome;
                await CallBackAsync(order, CancellationToken.None);
            }, CancellationToken.None);
            return;
        }

        order.Status = outcome;
        await CallBackAsync(order, cancellationToken);
    }

    /// <summary>The server API (<c>POST {ApiUrl}</c> with <c>data</c> and <c>signature</c>): the answer's JSON.</summary>
    public async Task<JsonObject> RequestAsync(string? data, string? signature, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        if (!LiqPayProtocol.IsSigned(settings.PrivateKey, data, signature) || LiqPayProtocol.Decode(data!) is not { } fields
            || fields.Text("public_key") != settings.PublicKey)
        {
            Interlocked.Increment(ref _refusedRequests);
            return new JsonObject { ["result"] = "error", ["status"] = "error", ["err_code"] = "err_signature", ["err_description"] = "Invalid signature" };
        }

        if (fields.Text("order_id") is not { } orderId || Find(orderId) is not { Status: not null } order)
        {
            return new JsonObject { ["result"] = "error", ["status"] = "error", ["err_code"] = "payment_not_found", ["err_description"] = "Payment not found" };
        }

        switch (fields.Text("action"))
        {
            case "status":
                return Fields(order);
            case "refund" when order.Status is "success" or "sandbox":
                order.Status = "reversed";
                await CallBackAsync(order, cancellationToken);
                return new JsonObject { ["result"] = "ok", ["payment_id"] = order.PaymentId, ["status"] = "reversed" };
            default:
                return new JsonObject { ["result"] = "error", ["status"] = "error", ["err_code"] = "err_action", ["err_description"] = "Unsupported action" };
        }
    }

    public object Stats() => new { orders = _orders.Count, callbacksSent = _callbacksSent, refusedRequests = _refusedRequests };

    private JsonObject Fields(Order order)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        return new JsonObject
        {
            ["result"] = "ok",
            ["payment_id"] = order.PaymentId,
            ["action"] = "pay",
            ["status"] = order.Status,
            ["version"] = LiqPayProtocol.Version,
            ["type"] = "buy",
            ["paytype"] = "card",
            ["public_key"] = options.CurrentValue.PublicKey,
            ["order_id"] = order.OrderId,
            ["liqpay_order_id"] = $"SIM{order.PaymentId}",
            ["description"] = order.Description,
            ["amount"] = order.Amount,
            ["currency"] = order.Currency,
            ["create_date"] = now,
            ["end_date"] = now,
            ["is_3ds"] = false,
        };
    }

    /// <summary>The server callback of the order's current status, as configured: copies at once, a forgery first, or lost.</summary>
    private async Task CallBackAsync(Order order, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        if (settings.DropCallbacks || order.ServerUrl is null)
        {
            logger.LogInformation("LiqPay simulator: callback {Status} of {OrderId} lost on the way", order.Status, order.OrderId);
            return;
        }

        var data = LiqPayProtocol.Encode(Fields(order));
        if (settings.ForgedCallbackFirst)
        {
            await SendAsync(order, data, LiqPayProtocol.Sign(settings.PrivateKey + "-forged", data), cancellationToken);
        }

        var signature = LiqPayProtocol.Sign(settings.PrivateKey, data);
        await Task.WhenAll(Enumerable.Range(0, Math.Max(1, settings.CallbackCopies)).Select(_ => SendAsync(order, data, signature, cancellationToken)));
    }

    private async Task SendAsync(Order order, string data, string signature, CancellationToken cancellationToken)
    {
        try
        {
            using var form = new FormUrlEncodedContent([new("data", data), new("signature", signature)]);
            using var response = await httpClients.CreateClient(CallbackClient).PostAsync(order.ServerUrl, form, cancellationToken);
            Interlocked.Increment(ref _callbacksSent);
            logger.LogInformation("LiqPay simulator: callback {Status} of {OrderId} answered {Code}", order.Status, order.OrderId, (int)response.StatusCode);
        }
        catch (HttpRequestException exception)
        {
            logger.LogWarning(exception, "LiqPay simulator: callback {Status} of {OrderId} failed", order.Status, order.OrderId);
        }
    }

    /// <summary>One order the simulator was shown; <see cref="Status"/> is null until the customer decides.</summary>
    public sealed record Order(string OrderId, decimal Amount, string Currency, string Description, string? ResultUrl, string? ServerUrl, bool Sandbox, string PaymentId)
    {
        private string? _status;

        public string? Status
        {
            get => Volatile.Read(ref _status);
            set => Volatile.Write(ref _status, value);
        }
    }
}
