using Vidnova.Dso.WorkOrders;

namespace Vidnova.Accounts;

/// <summary>The personal accounts, imported from the billing system.</summary>
public static class AccountsModule
{
    public static IServiceCollection AddAccountsModule(this IServiceCollection services)
    {
        services.AddScoped<UpsertAccount>();
        services.AddScoped<GetAccount>();
        services.AddScoped<IPersonalAccounts, PersonalAccounts>();
        services.AddScoped<IWorkOrderObserver, SupplyStateFromWorkOrders>();
        return services;
    }

    public static RouteGroupBuilder MapAccountsModule(this RouteGroupBuilder api) => api.MapAccountsApi();
}
