using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Vidnova.Accounts;
using Vidnova.Calendar;
using Vidnova.Notifications;
using Vidnova.Persistence;
using Vidnova.Restoration;
using Vidnova.Restoration.Notifications;

namespace Vidnova.Sla;

/// <summary>
/// Follows each acknowledged request to its deadline (КСР 11.5.23) and records a missed deadline as a breach with
/// the compensation owed (NEURC No. 375), once per application. Reminding the DSO before the deadline is the work
/// order's (<see cref="Dso.WorkOrders.WorkOrderReminders"/>). Safe on several instances: the application's version makes a second
/// instance's simultaneous attempt fail and leave the first one's record.
/// </summary>
public sealed class SlaMonitor(
    IServiceScopeFactory scopes,
    IClock clock,
    IOptionsMonitor<CompensationRateOptions> rates,
    ILogger<SlaMonitor> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                await DetectBreachesAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "SLA breach detection failed; will retry");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Records every breach not yet recorded; returns how many it recorded.</summary>
    public async Task<int> DetectBreachesAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VidnovaDbContext>();
        var accounts = scope.ServiceProvider.GetRequiredService<IPersonalAccounts>();
        var emails = scope.ServiceProvider.GetRequiredService<RestorationEmails>();
        var now = clock.GetCurrentInstant();
        var today = KyivTime.DateOf(now);
        var candidates = await db.Set<RestorationApplication>()
            .Where(a => a.Compensation == null && a.DsoRequest!.Deadline < today
                && (a.Status == ApplicationStatus.InProgressAtDso || a.Status == ApplicationStatus.Restored))
            .ToListAsync(cancellationToken);

        var breached = candidates.Where(a => a.MissedDeadline(today, KyivTime.DateOf)).ToList();
        var accountNumbers = breached.Select(a => a.AccountNumber).ToList();
        var kinds = await accounts.KindsOfAsync(accountNumbers, cancellationToken);
        var recorded = 0;
        foreach (var application in breached)
        {
            var kind = kinds[application.AccountNumber];
            if (CompensationRates.For(rates.CurrentValue.CompensationRates, application.DsoRequest!.Deadline!.Value, kind) is not { } amount)
            {
                logger.LogError("No compensation rate configured for {Deadline}; breach of {Number} not recorded", application.DsoRequest.Deadline, application.Number);
                continue;
            }

            application.RecordSlaBreach(amount, kind == CustomerKind.Household, now);
            db.Add(emails.Compensation(application, now));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                recorded++;
                logger.LogWarning("SLA breached: {Number}, deadline {Deadline}, compensation {Amount}", application.Number, application.DsoRequest.Deadline, amount);
            }
            catch (DbUpdateException)
            {
                // Another instance recorded it (or the DSO reported meanwhile); the next pass sees the result. Stop
                // here: clearing the tracker detached the other candidates, and changing a detached one would save
                // its email without its breach.
                db.ChangeTracker.Clear();
                break;
            }
        }

        scope.ServiceProvider.GetRequiredService<OutboxSignal>().Notify();
        return recorded;
    }
}
