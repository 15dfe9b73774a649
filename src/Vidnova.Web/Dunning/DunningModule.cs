namespace Vidnova.Dunning;

/// <summary>
/// Warnings and disconnection for debt (PRRE 7.5), only when nothing else helps: cases opened for overdue debt, two
/// warnings, the DSO's disconnection order, and the holds (a repayment schedule, a court dispute) that stop it.
/// </summary>
public static class DunningModule
{
    public static IServiceCollection AddDunningModule(this IServiceCollection services)
    {
        services.AddScoped<IDunningHolds, DunningHolds>();
        return services;
    }
}
