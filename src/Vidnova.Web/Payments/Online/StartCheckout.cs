using System.Globalization;
using Microsoft.Extensions.Options;
using NodaTime;
using Vidnova.Customers;
using Vidnova.Hosting;
using Vidnova.Kernel;
using Vidnova.Persistence;
using Vidnova.Problems;

namespace Vidnova.Payments.Online;

internal sealed record CheckoutCommand(decimal? Amount, [Text(20)] string? Provider);

internal sealed record StartedCheckout(OnlinePayment Payment, ProviderCheckout Checkout);

/// <summary>
/// A customer pays an account's bill online: the order is recorded first (so the provider's callback always finds
/// it), then the provider's checkout is built for it. Only for an account linked to the customer's login.
/// </summary>
internal sealed class StartCheckout(VidnovaDbContext db, ICustomerAccounts customers, IEnumerable<IOnlinePaymentProvider> providers, IClock clock,
    IOptions<PaymentLimits> limits, IOptions<OnlinePaymentOptions> online, IOptions<VidnovaOptions> vidnova)
{
    public async Task<StartedCheckout> HandleAsync(Guid loginId, string? email, string? accountNumber, CheckoutCommand command, CancellationToken cancellationToken)
    {
        if (!AccountNumber.TryParse(accountNumber, out var account) || !await customers.IsLinkedAsync(loginId, account!.Value, cancellationToken))
        {
            throw new NotFoundException("account_not_found", "Особовий рахунок {0} не знайдено серед ваших рахунків.", accountNumber ?? "");
        }

        var (amount, provider) = Validate(command);
        var settings = online.Value;
        var payment = OnlinePayment.Start(provider.Name, account.Value, amount, loginId, email, clock.GetCurrentInstant(),
            Duration.FromMinutes(settings.PendingPollMinutes));
        db.Add(payment);
        db.Add(OnlinePaymentEvent.Started(payment, $"customer:{loginId}"));
        await db.SaveChangesAsync(cancellationToken);

        var publicBase = new Uri(vidnova.Value.PublicBaseUrl.TrimEnd('/') + "/");
        var resultUrl = new Uri(publicBase, settings.ResultUrl.Replace("{orderId}", payment.OrderId, StringComparison.Ordinal));
        var serverUrl = new Uri(new Uri((settings.CallbackBaseUrl ?? vidnova.Value.PublicBaseUrl).TrimEnd('/') + "/"),
            $"api/v1/payments/{provider.Name}/{provider.CallbackPath}");
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? "en" : "uk";
        ProviderCheckout checkout;
        try
        {
            checkout = await provider.CreateCheckoutAsync(new CheckoutOrder(payment.OrderId, amount,
                $"Оплата електроенергії, особовий рахунок {account.Value}", resultUrl, serverUrl, language), cancellationToken);
        }
        catch (Exception unreachable) when (unreachable is HttpRequestException or TimeoutException or Polly.Timeout.TimeoutRejectedException)
        {
            // The order stays pending with nothing to ask about; it expires like an abandoned checkout.
            throw new BusinessRuleException("provider_unreachable", "Платіжна система {0} зараз не відповідає. Спробуйте за кілька хвилин або оберіть іншу.",
                provider.Name)
            { Category = RefusalCategory.Unavailable };
        }

        if (checkout.ProviderPaymentId is { } providerPaymentId)
        {
            payment.Invoiced(providerPaymentId, clock.GetCurrentInstant());
            await db.SaveChangesAsync(cancellationToken);
        }

        return new StartedCheckout(payment, checkout);
    }

    private (Money, IOnlinePaymentProvider) Validate(CheckoutCommand command)
    {
        var errors = new InputErrors();
        var bounds = limits.Value;
        if (!bounds.TryPositiveAmount(command.Amount, out var amount))
        {
            errors.Add("amount", "Сума платежу — додатна сума в гривнях з не більше ніж двома знаками після коми, до {0}.",
                Money.Uah(decimal.Round(bounds.MaxAmount, 2)));
        }

        var name = command.Provider?.Trim().ToLowerInvariant();
        var provider = providers.FirstOrDefault(p => p.Name == name);
        if (provider is null)
        {
            errors.Add("provider", "Вкажіть платіжну систему (provider): liqpay або mono.");
        }

        errors.ThrowIfAny();
        if (provider is not { IsAvailable: true })
        {
            throw new BusinessRuleException("provider_not_available", "Оплата через {0} поки що недоступна. Оберіть іншу платіжну систему.", name!)
            { Category = RefusalCategory.InvalidInput };
        }

        return (amount, provider);
    }
}
