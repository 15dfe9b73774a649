namespace Vidnova.RepaymentSchedules;

/// <summary>
/// Debt repayment schedules (графік погашення заборгованості, issue 14): the offer, the schedule the customer accepts,
/// the supervisor's decision on one outside the policy, and its compliance — completed, or broken and dunning resumed.
/// </summary>
public static class RepaymentSchedulesModule
{
    public static IServiceCollection AddRepaymentSchedulesModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RepaymentScheduleOptions>().Bind(configuration.GetSection(RepaymentScheduleOptions.Section))
            .Validate(o => o.MaxMonths >= InstalmentPlan.MinMonths && o.GraceDays >= 0 && o.BrokenLookbackMonths >= 0 && o.MaxDebt >= 0m,
                "RepaymentSchedules: MaxMonths is at least 2; GraceDays, BrokenLookbackMonths and MaxDebt are not negative")
            .ValidateOnStart();
        services.AddScoped<ScheduleFigures>();
        services.AddScoped<RequestRepaymentSchedule>();
        services.AddScoped<DecideRepaymentSchedule>();
        services.AddScoped<BrokenScheduleNotice>();
        services.AddScoped<ScheduleCompliance>();
        services.AddScoped<IRepaymentScheduleStanding, RepaymentScheduleStanding>();
        services.AddHostedService<ScheduleWatch>();
        return services;
    }

    public static RouteGroupBuilder MapRepaymentSchedulesModule(this RouteGroupBuilder api) => api.MapRepaymentSchedulesApi();
}
