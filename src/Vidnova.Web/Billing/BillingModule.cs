namespace Vidnova.Billing;

/// <summary>The household tariffs as data with effective dates, an account's tariff options, and the arithmetic that prices a consumption.</summary>
public static class BillingModule
{
    public static IServiceCollection AddBillingModule(this IServiceCollection services)
    {
        services.AddScoped<Tariffs>();
        services.AddScoped<ITariffs>(sp => sp.GetRequiredService<Tariffs>());
        services.AddScoped<IConsumptionPricing>(sp => sp.GetRequiredService<Tariffs>());
        services.AddScoped<Readings.IReadingCosts, ReadingCosts>();
        services.AddScoped<SetTariff>();
        services.AddScoped<SetTariffOptions>();
        services.AddScoped<TariffSeed>();
        return services;
    }

    public static RouteGroupBuilder MapBillingModule(this RouteGroupBuilder api) => api.MapBillingApi();
}
