using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Vidnova.Outbox;

namespace Vidnova.Dso;

internal static class DsoExchangeRegistration
{
    /// <summary>The DSO exchange: work orders and their reminders, the delivery outbox and its dispatcher, the resilient webhook client, signed callbacks.</summary>
    public static IServiceCollection AddDsoExchange(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<DsoDeliveryOptions>(configuration.GetSection(DsoDeliveryOptions.Section));
        services.AddSingleton<DsoDeliverySignal>();
        services.AddScoped<DsoOutbox>();
        services.AddScoped<WorkOrders.WorkOrders>();
        services.AddScoped<WorkOrders.IWorkOrders>(sp => sp.GetRequiredService<WorkOrders.WorkOrders>());
        services.AddScoped<WorkOrders.WorkOrderQueries>();
        services.Configure<WorkOrders.ReminderOptions>(configuration.GetSection(WorkOrders.ReminderOptions.Section));
        services.AddSingleton<WorkOrders.WorkOrderReminders>();
        services.AddHostedService(sp => sp.GetRequiredService<WorkOrders.WorkOrderReminders>());
        services.AddScoped<ReceiveDsoCallback>();
        services.AddOutboxWorker<DsoDelivery, DsoDeliveryChannel>();

        services.AddHttpClient(DsoDeliveryChannel.HttpClientName, (sp, client) =>
            {
                var options = sp.GetRequiredService<IOptions<DsoDeliveryOptions>>().Value;
                // The pipeline's own timeouts govern; this only bounds the whole call with all its quick retries.
                client.Timeout = TimeSpan.FromSeconds((options.HttpTimeoutSeconds * (options.HttpRetries + 1)) + 60);
                client.DefaultRequestHeaders.UserAgent.ParseAdd("Vidnova-DSO-Webhook/1");
            })
            .AddResilienceHandler("dso-webhook", (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<DsoDeliveryOptions>>().Value;
                if (options.HttpRetries > 0)
                {
                    pipeline.AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = options.HttpRetries,
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                        Delay = TimeSpan.FromSeconds(options.HttpRetryDelaySeconds),
                    });
                }

                pipeline.AddTimeout(TimeSpan.FromSeconds(options.HttpTimeoutSeconds));
            });
        return services;
    }
}
