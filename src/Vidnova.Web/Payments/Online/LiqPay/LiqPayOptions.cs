namespace Vidnova.Payments.Online.LiqPay;

/// <summary>Configuration section <c>Payments:LiqPay</c>; in Development it points at the simulator inside the host.</summary>
internal sealed class LiqPayOptions
{
    public const string Section = "Payments:LiqPay";

    /// <summary>The shop's public key (<c>public_key</c> in every request). Empty: LiqPay is not offered.</summary>
    public string? PublicKey { get; set; }

    /// <summary>The shop's private key, which signs and verifies everything. Empty: LiqPay is not offered and no callback is believed.</summary>
    public string? PrivateKey { get; set; }

    /// <summary>Test mode: checkouts ask for <c>sandbox</c>, and a <c>sandbox</c> status posts the payment. Never in production.</summary>
    public bool Sandbox { get; set; }

    /// <summary>Where the customer's browser goes to pay (the form's <c>action</c>).</summary>
    public string CheckoutUrl { get; set; } = "https://www.liqpay.ua/api/3/checkout";

    /// <summary>The server API, asked for an order's status (<c>action: status</c>).</summary>
    public string ApiUrl { get; set; } = "https://www.liqpay.ua/api/request";
}
