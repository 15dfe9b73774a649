namespace Vidnova.RepaymentSchedules;

/// <summary>
/// Configuration section <c>RepaymentSchedules</c>: the supplier's policy for debt repayment schedules (графік погашення
/// заборгованості). A request within it is approved at once; one outside it waits for a supervisor.
/// </summary>
internal sealed class RepaymentScheduleOptions
{
    public const string Section = "RepaymentSchedules";

    /// <summary>The largest debt (UAH) a schedule is approved for without a supervisor.</summary>
    public decimal MaxDebt { get; set; } = 20000m;

    /// <summary>The most monthly instalments a schedule may have (at least <see cref="InstalmentPlan.MinMonths"/>).</summary>
    public int MaxMonths { get; set; } = 12;

    /// <summary>Days after an instalment's due date it may still be paid; unpaid the day after, the schedule is broken.</summary>
    public int GraceDays { get; set; } = 10;

    /// <summary>An account that broke a schedule within this many months is not approved at once.</summary>
    public int BrokenLookbackMonths { get; set; } = 12;

    /// <summary>How often every instance looks for schedules completed or broken (minutes).</summary>
    public int CheckMinutes { get; set; } = 60;
}
