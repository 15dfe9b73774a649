using NodaTime;
using Vidnova.Calendar;
using Vidnova.Kernel;
using Vidnova.Problems;

namespace Vidnova.Billing.Runs;

/// <summary>
/// Starting a billing run of a period, for <c>POST /api/v1/billing-runs</c> and the back office's form alike: the
/// period must be a year and month that has ended (Kyiv); while the period has a queued or running run, that run is
/// the answer, and after it ended a new run bills only the accounts still without a bill.
/// </summary>
internal sealed class StartBillingRun(BillingRunner runner, IClock clock)
{
    /// <summary>The month before the current one in Kyiv: the period a run is usually for.</summary>
    public BillingPeriod DefaultPeriod => BillingPeriod.Containing(KyivTime.DateOf(clock.GetCurrentInstant())).Previous;

    public async Task<BillingRun> HandleAsync(string? periodText, string by, CancellationToken cancellationToken)
    {
        if (!BillingPeriod.TryParse(periodText, out var period))
        {
            var errors = new InputErrors();
            errors.Add("period", "Розрахунковий період пишіть як рік і місяць: 2026-11.");
            errors.ThrowIfAny();
        }

        if (period!.Value.LastDay >= KyivTime.DateOf(clock.GetCurrentInstant()))
        {
            throw new BusinessRuleException("period_not_ended", "Період {0} ще не закінчився: рахунки за нього виставляють після його останнього дня.", period.Value.ToString());
        }

        return await runner.QueueAsync(period.Value, by, cancellationToken);
    }
}
