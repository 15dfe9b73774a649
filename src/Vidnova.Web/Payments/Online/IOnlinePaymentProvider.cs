using NodaTime;
using Vidnova.Kernel;

namespace Vidnova.Payments.Online;

/// <summary>
/// An acquirer that takes a card payment on its own checkout page and tells us the outcome: LiqPay and Plata by
/// mono. The order, its exactly-once posting and the customer's email are ours (<see cref="ApplyProviderReport"/>);
/// a provider only speaks its protocol: it builds the checkout, verifies and reads what it sends, and answers when
/// asked about an order.
/// </summary>
internal interface IOnlinePaymentProvider
{
    /// <summary>The provider's name in the API (<c>provider</c>), in the callback path and as the ledger channel.</summary>
    string Name { get; }

    /// <summary>Whether it is configured (keys, token) on this installation; a checkout through it is refused otherwise.</summary>
    bool IsAvailable { get; }

    /// <summary>The last segment of the address it calls us at: <c>/api/v1/payments/{Name}/{CallbackPath}</c>.</summary>
    string CallbackPath { get; }

    /// <summary>
    /// Builds the checkout for an order already recorded; a provider that creates the checkout on its side (mono's
    /// invoice) asks it here and returns its id as <see cref="ProviderCheckout.ProviderPaymentId"/>.
    /// </summary>
    Task<ProviderCheckout> CreateCheckoutAsync(CheckoutOrder order, CancellationToken cancellationToken);

    /// <summary>
    /// Verifies a callback before reading anything of it, then reads it. A forged, unsigned or unreadable callback is
    /// <see cref="CallbackCheck.Refused"/> and must change nothing.
    /// </summary>
    Task<CallbackCheck> ReadCallbackAsync(ProviderCallback callback, CancellationToken cancellationToken);

    /// <summary>What the provider knows of an order now; null when it knows nothing of it (the customer never paid).</summary>
    /// <param name="providerPaymentId">The provider's own id of the order when it gave one (mono's <c>invoiceId</c>).</param>
    Task<ProviderReport?> QueryStatusAsync(string orderId, string? providerPaymentId, CancellationToken cancellationToken);
}

/// <summary>What the customer pays for, with the addresses the provider sends them back to and tells us at.</summary>
internal sealed record CheckoutOrder(string OrderId, Money Amount, string Description, Uri ResultUrl, Uri ServerUrl, string Language);

/// <summary>Where the customer goes to pay: a link, and (LiqPay) the same as a form to POST.</summary>
/// <param name="ProviderPaymentId">The provider's id of the checkout it created (mono's <c>invoiceId</c>), kept on the order.</param>
internal sealed record ProviderCheckout(Uri RedirectUrl, CheckoutForm? Form, string? ProviderPaymentId = null);

internal sealed record CheckoutForm(string Action, string Data, string Signature);

/// <summary>A callback as it arrived: form fields, headers and the raw body, whichever the provider's protocol signs.</summary>
internal sealed record ProviderCallback(IReadOnlyDictionary<string, string> Fields, IReadOnlyDictionary<string, string> Headers, ReadOnlyMemory<byte> Body);

/// <summary>What a provider said about an order, in our terms.</summary>
/// <param name="Status">The provider's own status word (<c>success</c>, <c>wait_accept</c>…), kept for the audit and idempotency.</param>
/// <param name="At">When the money moved, as the provider says: the payment's date in the ledger.</param>
/// <param name="StatusAt">
/// When the provider set this status (mono's <c>modifiedDate</c>), for a provider whose reports may arrive out of
/// order: a report older than the last one applied changes nothing. Null (LiqPay): the statuses alone decide.
/// </param>
internal sealed record ProviderReport(string OrderId, string Status, ReportedOutcome Outcome, Money? Amount, string? Currency, string? ProviderPaymentId, Instant? At,
    Instant? StatusAt = null);

internal enum ReportedOutcome
{
    /// <summary>Still under way (processing, waiting for 3-D Secure, for the bank's acceptance…).</summary>
    Pending,

    /// <summary>The money was taken: post the payment.</summary>
    Paid,

    /// <summary>Declined or failed: nothing to post.</summary>
    Failed,

    /// <summary>The payment was taken back: the debt returns.</summary>
    Reversed,

    /// <summary>Not an outcome on this installation (a sandbox payment where sandbox is off): recorded, nothing else.</summary>
    Ignored,
}

internal abstract record CallbackCheck
{
    public sealed record Valid(ProviderReport Report) : CallbackCheck;

    /// <param name="MessageFormat">The Ukrainian sentence of the problem (a <c>SharedResource.en.resx</c> key).</param>
    public sealed record Refused(string Code, string MessageFormat) : CallbackCheck;
}
