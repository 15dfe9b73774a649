using Vidnova.Kernel;
using Vidnova.Payments.Online;
using Vidnova.Payments.Registries;
using Vidnova.Payments.Statements;

namespace Vidnova.Payments;

/// <summary>Payments posted to personal accounts: booked by a channel, paid online through a provider's checkout, sent by partners in registry files, and the bank statement files they come in.</summary>
public static class PaymentsModule
{
    public static IServiceCollection AddPaymentsModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<PaymentLimits>(configuration.GetSection(PaymentLimits.Section));
        services.AddScoped<PostPayment>();
        services.AddOnlinePayments(configuration);
        services.Configure<StatementCsvOptions>(configuration.GetSection(StatementCsvOptions.Section));
        services.Configure<RegistryLimits>(configuration.GetSection(RegistryLimits.Section));
        services.AddScoped<RegisterPartner>();
        services.AddScoped<IssuePartnerApiKey>();
        services.AddScoped<ImportRegistry>();
        services.AddScoped<UnmatchedPayments>();
        return services;
    }

    public static RouteGroupBuilder MapPaymentsModule(this RouteGroupBuilder api) => api.MapPaymentsApi().MapOnlinePaymentsApi().MapRegistriesApi();
}
