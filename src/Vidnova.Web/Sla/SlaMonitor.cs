using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Vidnova.Calendar;
using Vidnova.Notifications;
using Vidnova.Persistence;
using Vidnova.Restoration;

namespace Vidnova.Sla;

/// <summary>
/// Finds requests whose DSO missed the deadline (КСР 11.5.23) and records the breach and the compensation owed
/// (NEURC No. 375), once per application. Safe on several instances: the application's version makes a second
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
        var emails = scope.ServiceProvider.GetRequiredService<CustomerEmails>();
        var now = clock.GetCurrentInstant();
        var today = KyivTime.DateOf(now);
        var candidates = await db.Set<RestorationApplication>()
            .Where(a => a.Compensation == null && a.DsoRequest!.Deadline < today
                && (a.Status == ApplicationStatus.InProgressAtDso || a.Status == ApplicationStatus.Restored))
            .ToListAsync(cancellationToken);

        var recorded = 0;
        foreach (var application in candidates.Where(a => a.MissedDeadline(today, KyivTime.DateOf)))
        {
            var household = true; // Households are the only customers so far; non-household accounts come with billing.
            if (CompensationRates.For(rates.CurrentValue.CompensationRates, application.DsoRequest!.Deadline!.Value, household) is not { } amount)
            {
                logger.LogError("No compensation rate configured for {Deadline}; breach of {Number} not recorded", application.DsoRequest.Deadline, application.Number);
                continue;
            }

            application.RecordSlaBreach(amount, household, now);
            db.Add(emails.Compensation(application, now));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                recorded++;
                logger.LogWarning("SLA breached: {Number}, deadline {Deadline}, compensation {Amount}", application.Number, application.DsoRequest.Deadline, amount);
            }
            catch (DbUpdateException)
            {
                // Another instance recorded it (or the DSO reported meanwhile); the next pass sees the result.
                db.ChangeTracker.Clear();
            }
        }

        scope.ServiceProvider.GetRequiredService<OutboxSignal>().Notify();
        return recorded;
    }
}
