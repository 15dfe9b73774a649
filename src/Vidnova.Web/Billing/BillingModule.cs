using Vidnova.Billing.Bills;
using Vidnova.Billing.Emails;
using Vidnova.Billing.Runs;

namespace Vidnova.Billing;

/// <summary>
/// The household tariffs as data with effective dates, an account's tariff options, the arithmetic that prices a
/// consumption, and the monthly bills made by billing runs.
/// </summary>
public static class BillingModule
{
    public static IServiceCollection AddBillingModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<Tariffs>();
        services.AddScoped<ITariffs>(sp => sp.GetRequiredService<Tariffs>());
        services.AddScoped<IConsumptionPricing>(sp => sp.GetRequiredService<Tariffs>());
        services.AddScoped<Readings.IReadingCosts, ReadingCosts>();
        services.AddScoped<SetTariff>();
        services.AddScoped<SetTariffOptions>();
        services.AddScoped<TariffSeed>();

        services.AddOptions<BillingOptions>().Bind(configuration.GetSection(BillingOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<IBills, Bills.Bills>();
        services.Configure<SupplierOptions>(configuration.GetSection(SupplierOptions.Section));
        services.AddSingleton<BillDocument>();
        services.AddScoped<BillingRunBatchClaims>();
        services.AddScoped<BatchBilling>();
        services.AddScoped<BillReadyEmails>();
        services.AddScoped<BillEmailChoice>();
        services.AddSingleton<BillingRunner>();
        services.AddScoped<StartBillingRun>();
        services.AddHostedService<BillingRunWorker>();
        return services;
    }

    public static RouteGroupBuilder MapBillingModule(this RouteGroupBuilder api) => api.MapBillingApi().MapBillingRunsApi().MapBillsApi().MapBillDocumentApi();
}
