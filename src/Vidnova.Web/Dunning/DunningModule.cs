using Vidnova.Dso.WorkOrders;

namespace Vidnova.Dunning;

/// <summary>
/// Warnings and disconnection for debt (PRRE 7.5), only when nothing else helps: cases opened for overdue debt, two
/// warnings, the DSO's disconnection order, and the holds (a repayment schedule, a court dispute) that stop it.
/// </summary>
public static class DunningModule
{
    public static IServiceCollection AddDunningModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DunningOptions>().Bind(configuration.GetSection(DunningOptions.Section))
            .Validate(DunningOptionsValidation.IsValid, DunningOptionsValidation.Rules).ValidateOnStart();
        services.AddScoped<IDunningHolds, DunningHolds>();
        services.AddScoped<DunningRun>();
        services.AddScoped<DunningEmails>();
        services.AddScoped<CourtRulings>();
        services.AddScoped<IDunningStatus, DunningStatus>();
        services.AddScoped<IWorkOrderObserver, DunningWorkOrderObserver>();
        services.AddHostedService<DunningJob>();
        return services;
    }

    public static RouteGroupBuilder MapDunningModule(this RouteGroupBuilder api) => api.MapDunningApi();
}

/// <summary>The configuration a supplier can get wrong, refused at start rather than at the first pass.</summary>
internal static class DunningOptionsValidation
{
    public const string Rules =
        "Dunning: MinimumDebt ≥ 0, DaysAfterDue ≥ 0, FirstWarningWorkingDays ≥ 10 (PRRE 7.5), 1 ≤ SecondWarningWorkingDays < FirstWarningWorkingDays, "
        + "PaymentArrivalBankingDays ≥ 0, RunAtHour and DisconnectionHour 0–23, CustomerKinds of household / non_household, Moratoria dates as yyyy-MM-dd.";

    public static bool IsValid(DunningOptions o) =>
        o.MinimumDebt >= 0 && o.DaysAfterDue >= 0 && o.FirstWarningWorkingDays >= 10
        && o.SecondWarningWorkingDays >= 1 && o.SecondWarningWorkingDays < o.FirstWarningWorkingDays
        && o.PaymentArrivalBankingDays >= 0 && o.RunAtHour is >= 0 and <= 23 && o.DisconnectionHour is >= 0 and <= 23
        && o.DisconnectionWorkingDays >= 1
        && o.CustomerKinds.TrueForAll(k => k is "household" or "non_household")
        && o.Moratoria.TrueForAll(m => IsDate(m.From) && IsDate(m.To) && m.CustomerKinds.TrueForAll(k => k is "household" or "non_household"));

    private static bool IsDate(string? text) =>
        string.IsNullOrWhiteSpace(text) || NodaTime.Text.LocalDatePattern.Iso.Parse(text.Trim()).Success;
}
