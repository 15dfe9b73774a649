using Vidnova.Kernel;

namespace Vidnova.Payments.Online;

/// <summary>A checkout started for a customer: the order, and the provider's page where the customer pays it.</summary>
public sealed record StartedOnlineCheckout(string OrderId, string Provider, Money Amount, Uri PayUrl);

/// <summary>
/// The online providers a customer may pay through on this installation, for the cabinet's «Сплатити» form and the
/// chatbot's pay button, and the checkout they start.
/// </summary>
public interface IOnlineCheckoutOffer
{
    /// <summary>The configured providers by their API names (<c>liqpay</c>, <c>mono</c>), LiqPay first.</summary>
    IReadOnlyList<string> AvailableProviders { get; }

    /// <summary>
    /// Starts a checkout of <paramref name="amount"/> for an account linked to the login, as the cabinet's form and
    /// <c>POST /api/v1/me/accounts/{accountNumber}/checkout</c> do; refused (BusinessRuleException, NotFoundException,
    /// InputValidationException) as they are.
    /// </summary>
    Task<StartedOnlineCheckout> StartAsync(Guid loginId, string? email, AccountNumber account, Money amount, string provider, CancellationToken cancellationToken);
}

internal sealed class OnlineCheckoutOffer(IEnumerable<IOnlinePaymentProvider> providers, StartCheckout startCheckout) : IOnlineCheckoutOffer
{
    public IReadOnlyList<string> AvailableProviders { get; } = [.. providers.Where(p => p.IsAvailable).Select(p => p.Name)];

    public async Task<StartedOnlineCheckout> StartAsync(Guid loginId, string? email, AccountNumber account, Money amount, string provider,
        CancellationToken cancellationToken)
    {
        var started = await startCheckout.HandleAsync(loginId, email, account.Value, new CheckoutCommand(amount.Amount, provider), cancellationToken);
        return new StartedOnlineCheckout(started.Payment.OrderId, started.Payment.Provider, started.Payment.Amount, started.Checkout.RedirectUrl);
    }
}
