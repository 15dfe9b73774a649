namespace Vidnova.Payments.Online;

/// <summary>The online providers a customer may pay through on this installation, for the cabinet's «Сплатити» form.</summary>
public interface IOnlineCheckoutOffer
{
    /// <summary>The configured providers by their API names (<c>liqpay</c>, <c>mono</c>), LiqPay first.</summary>
    IReadOnlyList<string> AvailableProviders { get; }
}

internal sealed class OnlineCheckoutOffer(IEnumerable<IOnlinePaymentProvider> providers) : IOnlineCheckoutOffer
{
    public IReadOnlyList<string> AvailableProviders { get; } = [.. providers.Where(p => p.IsAvailable).Select(p => p.Name)];
}
