using Vidnova.Payments.Online.LiqPay;
using Vidnova.Payments.Online.Mono;

namespace Vidnova.Payments.Online;

internal static class OnlinePaymentsRegistration
{
    /// <summary>Online checkout: the providers (LiqPay, Plata by mono), the order's use cases, the status poller and the provider's resilient HTTP client.</summary>
    public static IServiceCollection AddOnlinePayments(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<OnlinePaymentOptions>(configuration.GetSection(OnlinePaymentOptions.Section));
        services.Configure<LiqPayOptions>(configuration.GetSection(LiqPayOptions.Section));
        services.Configure<MonoOptions>(configuration.GetSection(MonoOptions.Section));
        services.AddScoped<IOnlinePaymentProvider, LiqPayProvider>();
        services.AddScoped<IOnlinePaymentProvider, MonoProvider>();
        services.AddSingleton<MonoPublicKey>();
        services.AddScoped<StartCheckout>();
        services.AddScoped<ApplyProviderReport>();
        services.AddScoped<RestorationAfterPayment>();
        services.AddScoped<IOnlineCheckoutOffer, OnlineCheckoutOffer>();
        services.AddSingleton<OnlinePaymentEmails>();
        services.AddSingleton<PendingPaymentPoller>();
        services.AddHostedService(sp => sp.GetRequiredService<PendingPaymentPoller>());
        services.AddHttpClient(LiqPayProvider.HttpClientName, client => client.DefaultRequestHeaders.UserAgent.ParseAdd("Vidnova-LiqPay/1"))
            // Retries a status query that met a 5xx, a 429 or a timeout; asking twice about an order is harmless.
            .AddStandardResilienceHandler();
        services.AddHttpClient(MonoProvider.HttpClientName, client => client.DefaultRequestHeaders.UserAgent.ParseAdd("Vidnova-Mono/1"))
            // The status query and the public key are safe to ask twice. Creating an invoice is not retried on a
            // timeout by its nature here: a second invoice for the same order would only be an unpaid page.
            .AddStandardResilienceHandler();
        return services;
    }
}
