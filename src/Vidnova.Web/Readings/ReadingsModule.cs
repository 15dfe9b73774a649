using Vidnova.Readings.Reminders;

namespace Vidnova.Readings;

/// <summary>Meters of personal accounts and their readings, from customers, staff, the DSO and partners.</summary>
public static class ReadingsModule
{
    public static IServiceCollection AddReadingsModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ReadingPlausibilityOptions>(configuration.GetSection(ReadingPlausibilityOptions.Section));
        services.AddScoped<InstallMeter>();
        services.AddScoped<SubmitReading>();
        services.AddScoped<IMeterReadings, MeterReadings>();
        services.Configure<ReadingReminderOptions>(configuration.GetSection(ReadingReminderOptions.Section));
        services.AddScoped<ReadingReminderChoice>();
        services.AddSingleton<ReadingReminders>();
        services.AddHostedService(sp => sp.GetRequiredService<ReadingReminders>());
        return services;
    }

    public static RouteGroupBuilder MapReadingsModule(this RouteGroupBuilder api) => api.MapReadingsApi();
}
