namespace Vidnova.Ledger;

/// <summary>Each personal account's journal of charges and payments, with its maintained balance.</summary>
public static class LedgerModule
{
    public static IServiceCollection AddLedgerModule(this IServiceCollection services)
    {
        services.AddScoped<ILedger, AccountLedger>();
        return services;
    }
}
