namespace Vidnova.Sla;

/// <summary>The restoration deadlines watched: reminders to the DSO and the compensation for a missed one.</summary>
public static class SlaModule
{
    public static IServiceCollection AddSlaModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<CompensationRateOptions>(configuration.GetSection(CompensationRateOptions.Section));
        services.AddSingleton<SlaMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<SlaMonitor>());
        return services;
    }
}
