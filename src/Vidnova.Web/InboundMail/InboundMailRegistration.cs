namespace Vidnova.InboundMail;

internal static class InboundMailRegistration
{
    /// <summary>Inbound mail over HTTP always; the IMAP poller only when <c>Mail:Imap:Host</c> is set.</summary>
    public static IServiceCollection AddInboundMail(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<ReceiveInboundEmail>();
        services.AddScoped<ResolveInboundEmail>();
        if (!string.IsNullOrEmpty(configuration["Mail:Imap:Host"]))
        {
            services.AddSingleton<ImapInboxPoller>();
            services.AddHostedService(sp => sp.GetRequiredService<ImapInboxPoller>());
        }

        return services;
    }
}
