namespace Vidnova.Notifications;

/// <summary>Customer email: the templates, the outbox and its dispatcher, SMTP or a pickup folder.</summary>
public static class NotificationsModule
{
    public static IServiceCollection AddNotificationsModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<MailOptions>(configuration.GetSection(MailOptions.Section));
        services.AddSingleton<CustomerEmails>();
        services.AddSingleton<OutboxSignal>();
        if (!string.IsNullOrEmpty(configuration["Mail:Smtp:Host"]))
        {
            services.AddSingleton<IMailTransport, SmtpTransport>();
        }
        else
        {
            services.AddSingleton<PickupDirectoryTransport>();
            services.AddSingleton<IMailTransport>(sp => sp.GetRequiredService<PickupDirectoryTransport>());
        }

        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        return services;
    }
}
