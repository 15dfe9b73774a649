namespace Vidnova.Payments.Online.Mono;

/// <summary>Configuration section <c>Payments:Mono</c>; in Development it points at the simulator inside the host.</summary>
internal sealed class MonoOptions
{
    public const string Section = "Payments:Mono";

    /// <summary>The merchant's token from mono's acquiring cabinet, sent as <c>X-Token</c>. Empty: mono is not offered.</summary>
    public string? Token { get; set; }

    /// <summary>The acquiring API's base: invoices, their status and the merchant's public key live under <c>/api/merchant/</c>.</summary>
    public string ApiUrl { get; set; } = "https://api.monobank.ua";

    /// <summary>
    /// The least time between two fetches of the public key after a signature failed to verify: a flood of forged
    /// webhooks must not become a flood of requests to mono. A rotated key is still picked up within this time.
    /// </summary>
    public double PublicKeyRefetchSeconds { get; set; } = 10;
}
