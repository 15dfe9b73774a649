using Vidnova.Restoration.BackOffice;
using Vidnova.Restoration.Receipts;

namespace Vidnova.InboundMail;

/// <summary>Customers' replies by email: over HTTP from the mail gateway, or polled over IMAP.</summary>
public static class InboundMailModule
{
    public static IServiceCollection AddInboundMailModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<IReceiptEmails, ReceiptEmails>();
        services.AddScoped<IApplicationEmails, ApplicationEmails>();
        return services.AddInboundMail(configuration);
    }

    public static RouteGroupBuilder MapInboundMailModule(this RouteGroupBuilder api) => api.MapInboundMailApi();
}
