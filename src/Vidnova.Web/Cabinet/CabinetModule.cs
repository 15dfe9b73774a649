namespace Vidnova.Cabinet;

/// <summary>
/// The personal account's read side (особистий кабінет): the accounts linked to a customer login, their details and
/// ledger, over <c>/api/v1/me/accounts</c> and the cabinet's pages. Linking itself is the Customers module's.
/// </summary>
public static class CabinetModule
{
    public static IServiceCollection AddCabinetModule(this IServiceCollection services)
    {
        services.AddScoped<CabinetAccounts>();
        return services;
    }

    public static RouteGroupBuilder MapCabinetModule(this RouteGroupBuilder api) => api.MapCabinetApi();
}
