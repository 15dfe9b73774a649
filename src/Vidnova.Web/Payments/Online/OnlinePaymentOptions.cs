namespace Vidnova.Payments.Online;

/// <summary>Configuration section <c>Payments:Online</c>: what every online provider's orders share.</summary>
internal sealed class OnlinePaymentOptions
{
    public const string Section = "Payments:Online";

    /// <summary>
    /// Where the provider sends the customer's browser after paying, <c>{orderId}</c> replaced; relative to
    /// <c>Vidnova:PublicBaseUrl</c> unless absolute. The cabinet's return page polls <c>GET /api/v1/me/payments/{orderId}</c>.
    /// </summary>
    public string ResultUrl { get; set; } = "/cabinet/payments/{orderId}";

    /// <summary>The base of the callback address the provider is given (<c>server_url</c>); default <c>Vidnova:PublicBaseUrl</c>.</summary>
    public string? CallbackBaseUrl { get; set; }

    /// <summary>An order still pending this long after it started (or after the last ask) is asked about through the status API.</summary>
    public double PendingPollMinutes { get; set; } = 10;

    /// <summary>How often this instance looks for such orders.</summary>
    public double PollSeconds { get; set; } = 60;

    /// <summary>An order still pending this long after it started is given up as failed (the customer left the checkout); a later success still posts.</summary>
    public double ExpireAfterHours { get; set; } = 24;

    /// <summary>false: this instance does not poll (another one does).</summary>
    public bool PollerEnabled { get; set; } = true;
}
