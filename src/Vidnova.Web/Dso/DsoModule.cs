namespace Vidnova.Dso;

/// <summary>The DSO register and exchange: their API keys, deliveries and callbacks, the DSO API.</summary>
public static class DsoModule
{
    public static IServiceCollection AddDsoModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddDsoExchange(configuration);
        services.AddScoped<RegisterDso>();
        services.AddScoped<IssueDsoApiKey>();
        services.AddScoped<RetryDsoDelivery>();
        services.AddScoped<DsoDirectory>();
        return services;
    }

    public static RouteGroupBuilder MapDsoModule(this RouteGroupBuilder api) => api.MapDsoApi();
}
