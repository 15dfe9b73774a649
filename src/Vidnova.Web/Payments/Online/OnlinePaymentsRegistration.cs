using Vidnova.Payments.Online.LiqPay;

namespace Vidnova.Payments.Online;

internal static class OnlinePaymentsRegistration
{
    /// <summary>Online checkout: the providers (LiqPay), the order's use cases, the status poller and the provider's resilient HTTP client.</summary>
    public static IServiceCollection AddOnlinePayments(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<OnlinePaymentOptions>(configuration.GetSection(OnlinePaymentOptions.Section));
        services.Configure<LiqPayOptions>(configuration.GetSection(LiqPayOptions.Section));
        services.AddScoped<IOnlinePaymentProvider, LiqPayProvider>();
        services.AddScoped<StartCheckout>();
        services.AddScoped<ApplyProviderReport>();
        services.AddSingleton<OnlinePaymentEmails>();
        services.AddSingleton<PendingPaymentPoller>();
        services.AddHostedService(sp => sp.GetRequiredService<PendingPaymentPoller>());
        services.AddHttpClient(LiqPayProvider.HttpClientName, client => client.DefaultRequestHeaders.UserAgent.ParseAdd("Vidnova-LiqPay/1"))
            // Retries a status query that met a 5xx, a 429 or a timeout; asking twice about an order is harmless.
            .AddStandardResilienceHandler();
        return services;
    }
}
