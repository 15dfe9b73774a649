using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Vidnova.Accounts;
using Vidnova.Billing.Bills;
using Vidnova.Billing.Emails;
using Vidnova.Calendar;
using Vidnova.Kernel;
using Vidnova.Ledger;
using Vidnova.Notifications;
using Vidnova.Persistence;
using Vidnova.Problems;
using Vidnova.Readings;

namespace Vidnova.Billing.Runs;

/// <summary>
/// Bills one claimed batch of accounts (ADR 0008): its accounts, readings, tariffs, heating approvals, previous bills
/// and balances in a few queries, every bill computed in memory (<see cref="BillingRules"/>), then the bills, their
/// lines, the ledger's charges, the failures, the run's counters and the batch's completion in one transaction.
/// Accounts already billed for the period are skipped, so a rerun, a resumed batch or a batch taken over from a slow
/// instance bills only what is missing; the unique (account, period) index refuses anything else. The bill-ready
/// emails of the new bills (<see cref="BillReadyEmails"/>) are queued in the same transaction, so a bill is emailed
/// once, with its bill or not at all.
/// </summary>
internal sealed class BatchBilling(
    VidnovaDbContext db,
    IPersonalAccounts personalAccounts,
    IMeterReadings readings,
    ITariffs tariffs,
    ILedger ledger,
    BillReadyEmails billEmails,
    INotificationOutbox outbox,
    OutboxSignal outboxSignal,
    IClock clock,
    IOptionsMonitor<BillingOptions> options)
{
    /// <summary>How many months of earlier bills the rules see: enough for the same month of last year and a long run of estimates.</summary>
    private const int HistoryMonths = 24;

    /// <returns>False when the batch was no longer this owner's (another instance took it over), so nothing was written.</returns>
    public async Task<bool> BillAsync(Guid batchId, string owner, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var batch = await db.Set<BillingRunBatch>().AsNoTracking().SingleAsync(b => b.Id == batchId, cancellationToken);
        var period = await db.Set<BillingRun>().Where(r => r.Id == batch.RunId).Select(r => r.Period).SingleAsync(cancellationToken);
        var now = clock.GetCurrentInstant();

        var accounts = await personalAccounts.NumbersBetweenAsync(batch.FromAccount, batch.ToAccount, cancellationToken);
        var billed = (await db.Set<Bill>().AsNoTracking().Where(b => accounts.Contains(b.AccountNumber) && b.Period == period)
            .Select(b => b.AccountNumber).ToListAsync(cancellationToken)).ToHashSet();
        var todo = accounts.Where(a => !billed.Contains(a)).ToList();

        var histories = await readings.HistoriesAsync(todo, cancellationToken);
        var months = Enumerable.Range(1, HistoryMonths).Select(i => period.Month.PlusMonths(-i)).Select(m => BillingPeriod.Of(m.Year, m.Month)).ToList();
        var previous = (await db.Set<Bill>().AsNoTracking().Where(b => todo.Contains(b.AccountNumber) && months.Contains(b.Period)).ToListAsync(cancellationToken))
            .ToLookup(b => b.AccountNumber);
        var schedule = await tariffs.ScheduleAsync(cancellationToken);
        var heating = (await db.Set<ElectricHeatingOption>().AsNoTracking().Where(o => todo.Contains(o.AccountNumber)).ToListAsync(cancellationToken))
            .ToLookup(o => o.AccountNumber);
        var balances = await ledger.BalancesOfAsync(todo, cancellationToken);
        var payments = await ledger.PaymentsSinceAsync(todo, period.FirstDay.AtStartOfDayInZone(KyivTime.Zone).ToInstant(), cancellationToken);
        var dueDate = period.LastDay.PlusDays(settings.DueDays);

        var bills = new List<Bill>();
        var failures = new List<BillingRunFailure>();
        var skipped = billed.Count;
        foreach (var account in todo)
        {
            try
            {
                var approvals = new ElectricHeatingApprovals(heating[account].Select(o => (o.From, o.ElectricHeating)));
                var computed = BillingRules.Compute(period, histories[account], [.. previous[account]], schedule, approvals, settings.EstimateMinimumDays);
                if (computed is null)
                {
                    skipped++;
                    continue;
                }

                bills.Add(Bill.Issue(batch.RunId, account, period, computed.Lines, computed.Estimate, computed.ReadingsThrough,
                    balances[account].Balance, payments[account], dueDate, now));
            }
            catch (BusinessRuleException refused)
            {
                failures.Add(BillingRunFailure.Of(batch.RunId, account, refused.Code, refused.Message, now));
            }
            catch (Exception error) when (error is ArgumentException or InvalidOperationException or OverflowException)
            {
                // A bug or bad data in one account's figures fails that account, not the batch; staff see it in the run's failures.
                failures.Add(BillingRunFailure.Of(batch.RunId, account, "billing_error", error.Message, now));
            }
        }

        // Rendered before the transaction, as the bills were computed: the transaction only writes.
        var emails = await billEmails.ForAsync(bills, now, cancellationToken);

        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // First, in the transaction, the batch is marked done while it is still this owner's: an instance that took
        // it over after the lease lapsed has its name on it, and on PostgreSQL the row stays locked until commit.
        var held = await db.Set<BillingRunBatch>()
            .Where(b => b.Id == batchId && b.ClaimedBy == owner && b.CompletedAt == null && b.FailedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.CompletedAt, (Instant?)now), cancellationToken);
        if (held == 0)
        {
            return false;
        }

        await BillWriter.WriteAsync(db, bills, cancellationToken);
        db.AddRange(failures);
        foreach (var email in emails)
        {
            outbox.Enqueue(email);
        }

        await db.SaveChangesAsync(cancellationToken);
        await ledger.ChargeManyAsync([.. bills.Where(b => b.LedgerEntryId is not null)
            .Select(b => new BillCharge(b.LedgerEntryId!.Value, b.AccountNumber, b.Amount, now, $"Рахунок за {b.Period}", b.Id))], cancellationToken);
        var estimated = bills.Count(b => b.Estimated);
        await db.Set<BillingRun>().Where(r => r.Id == batch.RunId).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.Billed, r => r.Billed + bills.Count)
            .SetProperty(r => r.Estimated, r => r.Estimated + estimated)
            .SetProperty(r => r.Skipped, r => r.Skipped + skipped)
            .SetProperty(r => r.Failed, r => r.Failed + failures.Count), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (emails.Count > 0)
        {
            outboxSignal.Notify();
        }

        return true;
    }
}
