using Microsoft.Extensions.Options;
using NodaTime;
using Vidnova.Accounts;
using Vidnova.Calendar;
using Vidnova.Restoration.Deadlines;
using Vidnova.Shared;

namespace Vidnova.Sla;

/// <summary>
/// Follows each acknowledged request to its deadline (КСР 11.5.23) and records a missed deadline as a breach with
/// the compensation owed (NEURC No. 375), once per application. Reminding the DSO before the deadline is the work
/// order's (<see cref="Dso.WorkOrders.WorkOrderReminders"/>). Safe on several instances: the application's version makes a second
/// instance's simultaneous attempt fail and leave the first one's record (<see cref="IRestorationDeadlines.RecordBreachAsync"/>).
/// </summary>
internal sealed class SlaMonitor(
    IServiceScopeFactory scopes,
    IClock clock,
    IOptionsMonitor<CompensationRateOptions> rates,
    ILogger<SlaMonitor> logger) : PeriodicWork(logger)
{
    protected override string Work => "SLA breach detection";

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => DetectBreachesAsync(cancellationToken);

    /// <summary>Records every breach not yet recorded; returns how many it recorded.</summary>
    public async Task<int> DetectBreachesAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var deadlines = scope.ServiceProvider.GetRequiredService<IRestorationDeadlines>();
        var accounts = scope.ServiceProvider.GetRequiredService<IPersonalAccounts>();
        var breached = await deadlines.UnrecordedBreachesAsync(KyivTime.DateOf(clock.GetCurrentInstant()), cancellationToken);
        var kinds = await accounts.KindsOfAsync([.. breached.Select(b => b.AccountNumber)], cancellationToken);
        var recorded = 0;
        foreach (var breach in breached)
        {
            var kind = kinds[breach.AccountNumber];
            if (CompensationRates.For(rates.CurrentValue.CompensationRates, breach.Deadline, kind) is not { } amount)
            {
                logger.LogError("No compensation rate configured for {Deadline}; breach of {Number} not recorded", breach.Deadline, breach.ApplicationNumber);
                continue;
            }

            if (!await deadlines.RecordBreachAsync(breach.ApplicationId, amount, kind == CustomerKind.Household, cancellationToken))
            {
                // Another instance is recording these; the next pass sees what it did.
                break;
            }

            recorded++;
            logger.LogWarning("SLA breached: {Number}, deadline {Deadline}, compensation {Amount}", breach.ApplicationNumber, breach.Deadline, amount);
        }

        return recorded;
    }
}
