using Vidnova.Outbox;

namespace Vidnova.Notifications;

/// <summary>Notifications to customers: the outbox rows, their delivery on the outbox worker, the email channel (SMTP or a pickup folder).</summary>
public static class NotificationsModule
{
    public static IServiceCollection AddNotificationsModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<MailOptions>(configuration.GetSection(MailOptions.Section));
        services.AddSingleton<OutboxSignal>();
        services.AddScoped<INotificationOutbox, NotificationOutbox>();
        if (!string.IsNullOrEmpty(configuration["Mail:Smtp:Host"]))
        {
            services.AddSingleton<IMailTransport, SmtpTransport>();
        }
        else
        {
            services.AddSingleton<PickupDirectoryTransport>();
            services.AddSingleton<IMailTransport>(sp => sp.GetRequiredService<PickupDirectoryTransport>());
        }

        services.AddSingleton<INotificationChannel, EmailChannel>();
        services.AddOutboxWorker<OutboxMessage, NotificationDelivery>();
        return services;
    }
}
