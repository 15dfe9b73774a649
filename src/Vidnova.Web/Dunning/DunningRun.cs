using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Vidnova.Accounts;
using Vidnova.Billing.Bills;
using Vidnova.Calendar;
using Vidnova.Customers;
using Vidnova.Dso.WorkOrders;
using Vidnova.Kernel;
using Vidnova.Ledger;
using Vidnova.Notifications;
using Vidnova.Persistence;

namespace Vidnova.Dunning;

/// <summary>What one pass did: cases opened, warnings sent (first or second), disconnections ordered, cases ended.</summary>
internal sealed record DunningRunResult(int Started, int Warned, int Ordered, int Stopped);

/// <summary>
/// One pass of dunning: every open case is judged on the account's facts now (a payment, a hold, a moratorium ends
/// it; its second warning or its disconnection order may be due), then, when the daily work is due, every account that
/// owes at least the threshold past due and has no open case gets one, with its first warning. Each case changes in a
/// unit of work of its own, so a pass that stops half way leaves every case whole; several instances may run passes at
/// once: the case's version and the one-open-case-per-account index let one of them win, the other skips.
/// </summary>
internal sealed class DunningRun(
    VidnovaDbContext db,
    IClock clock,
    IOptionsMonitor<DunningOptions> settings,
    CalendarStore calendars,
    IPersonalAccounts accounts,
    ILedger ledger,
    IBills bills,
    ICustomerContacts contacts,
    INotificationOutbox outbox,
    OutboxSignal outboxSignal,
    IWorkOrders workOrders,
    DunningEmails emails,
    ILogger<DunningRun> logger)
{
    private const int BatchSize = 200;

    public async Task<DunningRunResult> RunAsync(bool dailyWorkDue, CancellationToken cancellationToken)
    {
        var options = settings.CurrentValue;
        var calendar = await calendars.LoadAsync(cancellationToken);
        var counts = new Counts();
        await ReviewOpenCasesAsync(options, calendar, dailyWorkDue, counts, cancellationToken);
        if (dailyWorkDue)
        {
            await OpenNewCasesAsync(options, calendar, counts, cancellationToken);
        }

        outboxSignal.Notify();
        workOrders.Notify();
        var result = new DunningRunResult(counts.Started, counts.Warned, counts.Ordered, counts.Stopped);
        if (result != new DunningRunResult(0, 0, 0, 0))
        {
            logger.LogInformation("Dunning pass: {Started} opened, {Warned} warned, {Ordered} ordered, {Stopped} stopped",
                result.Started, result.Warned, result.Ordered, result.Stopped);
        }

        return result;
    }

    /// <summary>The facts of each of <paramref name="numbers"/> that exists, in a few queries for the whole batch.</summary>
    public async Task<IReadOnlyDictionary<AccountNumber, DunningFacts>> FactsAsync(IReadOnlyCollection<AccountNumber> numbers, DunningOptions options,
        CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var today = KyivTime.DateOf(now);
        var recentSince = DunningRules.NotYetOverdueSince(today, options);
        var summaries = await accounts.FindManyAsync(numbers, cancellationToken);
        var balances = await ledger.BalancesOfAsync(numbers, cancellationToken);
        var billed = await bills.ChargedDueOnOrAfterAsync(numbers, recentSince, cancellationToken);
        var otherCharges = await ledger.ChargesOtherThanBillsSinceAsync(numbers,
            recentSince.AtStartOfDayInZone(KyivTime.Zone).ToInstant(), cancellationToken);
        var holds = (await db.Set<DunningHold>().AsNoTracking()
                .Where(h => numbers.Contains(h.AccountNumber) && h.ReleasedAt == null)
                .Select(h => new { h.AccountNumber, h.Reason })
                .ToListAsync(cancellationToken))
            .GroupBy(h => h.AccountNumber).ToDictionary(g => g.Key, g => g.First().Reason);
        return summaries.ToDictionary(s => s.Key, s => new DunningFacts(
            s.Value,
            DunningRules.OverdueDebt(balances[s.Key].Balance, billed[s.Key] + otherCharges[s.Key]),
            holds.TryGetValue(s.Key, out var hold) ? hold : null,
            DunningRules.MoratoriumFor(s.Value, today, options)));
    }

    private async Task ReviewOpenCasesAsync(DunningOptions options, WorkingDayCalendar calendar, bool dailyWorkDue, Counts counts,
        CancellationToken cancellationToken)
    {
        Guid? after = null;
        while (true)
        {
            var query = db.Set<DunningCase>().AsNoTracking().Where(c => c.State != DunningState.Closed);
            if (after is { } last)
            {
                query = query.Where(c => c.Id.CompareTo(last) > 0);
            }

            var page = await query.OrderBy(c => c.Id).Take(BatchSize).Select(c => new { c.Id, c.AccountNumber }).ToListAsync(cancellationToken);
            if (page.Count == 0)
            {
                return;
            }

            after = page[^1].Id;
            var facts = await FactsAsync([.. page.Select(p => p.AccountNumber).Distinct()], options, cancellationToken);
            foreach (var item in page)
            {
                if (facts.TryGetValue(item.AccountNumber, out var accountFacts))
                {
                    await ReviewAsync(item.Id, accountFacts, options, calendar, dailyWorkDue, counts, cancellationToken);
                }
            }
        }
    }

    private async Task ReviewAsync(Guid caseId, DunningFacts facts, DunningOptions options, WorkingDayCalendar calendar, bool dailyWorkDue, Counts counts,
        CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        await SaveEachAsync(async () =>
        {
            var dunningCase = await db.Set<DunningCase>().SingleAsync(c => c.Id == caseId, cancellationToken);
            if (!dunningCase.IsOpen)
            {
                return;
            }

            switch (DunningDecisions.NextStep(dunningCase, facts, now, dailyWorkDue, options))
            {
                case DunningStep.CloseAsPaid:
                    await CloseAsync(dunningCase, DunningCloseReason.Paid,
                        $"Закрито: прострочений борг {DunningCase.Uah(facts.Overdue)} менший за поріг {DunningCase.Uah(options.MinimumDebtAmount)}.", now, cancellationToken);
                    counts.Stopped++;
                    break;
                case DunningStep.CloseForHold:
                    var holdReason = facts.Hold == DunningHoldReason.CourtDispute ? DunningCloseReason.CourtDispute : DunningCloseReason.RepaymentSchedule;
                    await CloseAsync(dunningCase, holdReason, facts.Hold == DunningHoldReason.CourtDispute
                        ? "Закрито: судове провадження щодо боргу (ПРРЕ, п. 7.11)."
                        : "Закрито: графік погашення заборгованості.", now, cancellationToken);
                    counts.Stopped++;
                    break;
                case DunningStep.CloseForMoratorium:
                    await CloseAsync(dunningCase, DunningCloseReason.Moratorium, $"Закрито: {facts.Moratorium!.Name}.", now, cancellationToken);
                    counts.Stopped++;
                    break;
                case DunningStep.CloseNotDunned:
                    await CloseAsync(dunningCase, DunningCloseReason.NotDunned, "Закрито: до цього типу споживачів відключення не застосовують.", now, cancellationToken);
                    counts.Stopped++;
                    break;
                case DunningStep.WarnSecondTime:
                    var dates = DunningRules.Replan(dunningCase.Dates, KyivTime.DateOf(now), calendar, options);
                    dunningCase.WarnSecondTime(facts.Overdue, dates, now);
                    await WarnAsync(dunningCase, 2, facts, now, cancellationToken);
                    counts.Warned++;
                    break;
                case DunningStep.OrderDisconnection:
                    await OrderAsync(dunningCase, facts, options, now, cancellationToken);
                    counts.Ordered++;
                    break;
            }
        }, cancellationToken);
    }

    private async Task OpenNewCasesAsync(DunningOptions options, WorkingDayCalendar calendar, Counts counts, CancellationToken cancellationToken)
    {
        AccountNumber? after = null;
        do
        {
            var (owing, continueAfter) = await ledger.OwingAtLeastAsync(options.MinimumDebtAmount, after, 1000, cancellationToken);
            after = continueAfter;
            if (owing.Count == 0)
            {
                continue;
            }

            var numbers = owing.Select(o => o.AccountNumber).ToList();
            var withCase = (await db.Set<DunningCase>().AsNoTracking()
                .Where(c => numbers.Contains(c.AccountNumber) && c.State != DunningState.Closed)
                .Select(c => c.AccountNumber).ToListAsync(cancellationToken)).ToHashSet();
            var candidates = numbers.Where(n => !withCase.Contains(n)).ToList();
            foreach (var (number, facts) in await FactsAsync(candidates, options, cancellationToken))
            {
                if (!DunningDecisions.ShouldOpen(facts, options))
                {
                    continue;
                }

                var now = clock.GetCurrentInstant();
                var opened = await SaveEachAsync(async () =>
                {
                    var dunningCase = DunningCase.Open(number, facts.Overdue, DunningRules.Plan(KyivTime.DateOf(now), calendar, options), now);
                    db.Add(dunningCase);
                    await WarnAsync(dunningCase, 1, facts, now, cancellationToken);
                }, cancellationToken);
                if (opened)
                {
                    counts.Started++;
                    counts.Warned++;
                }
            }
        }
        while (after is not null);
    }

    /// <summary>Staff resume a paused case: a new first warning with new dates, as if it were opened today.</summary>
    public async Task ResumeAsync(DunningCase dunningCase, string actor, CancellationToken cancellationToken)
    {
        var options = settings.CurrentValue;
        var calendar = await calendars.LoadAsync(cancellationToken);
        var facts = (await FactsAsync([dunningCase.AccountNumber], options, cancellationToken))[dunningCase.AccountNumber];
        var now = clock.GetCurrentInstant();
        dunningCase.Resume(facts.Overdue, DunningRules.Plan(KyivTime.DateOf(now), calendar, options), actor, now);
        await WarnAsync(dunningCase, 1, facts, now, cancellationToken);
    }

    /// <summary>Ends the case; a disconnection order the DSO has not acted on is cancelled with it (a cancel event to the DSO).</summary>
    public async Task CloseAsync(DunningCase dunningCase, DunningCloseReason reason, string text, Instant now, CancellationToken cancellationToken)
    {
        if (dunningCase.State == DunningState.DisconnectionOrdered && dunningCase.WorkOrderId is { } order)
        {
            await workOrders.CancelAsync(order, text, now, cancellationToken);
        }

        dunningCase.Close(reason, text, DunningActors.System, now);
    }

    /// <summary>Queues the warning to every email the account has (its logins' and its own) and shows it on the cabinet.</summary>
    private async Task WarnAsync(DunningCase dunningCase, int sequence, DunningFacts facts, Instant now, CancellationToken cancellationToken)
    {
        var linked = await contacts.ConfirmedEmailsOfLinkedAsync([dunningCase.AccountNumber], cancellationToken);
        var recipients = linked.Select(l => l.Email).Append(facts.Account.ContactEmail).OfType<string>()
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var content = emails.Warning(dunningCase, sequence, facts.Overdue, facts.Account);
        foreach (var recipient in recipients)
        {
            var warning = dunningCase.Warn(sequence, DunningWarning.Email, recipient, facts.Overdue, now);
            outbox.Enqueue(new Notification(warning.NotificationKey!, content, recipient, dunningCase.Id, now));
        }

        dunningCase.Warn(sequence, DunningWarning.Cabinet, null, facts.Overdue, now);
    }

    private async Task OrderAsync(DunningCase dunningCase, DunningFacts facts, DunningOptions options, Instant now, CancellationToken cancellationToken)
    {
        var account = facts.Account;
        var orderId = Guid.NewGuid();
        dunningCase.OrderDisconnection(orderId, facts.Overdue, now);
        await workOrders.PlaceAsync(new WorkOrderPlacement(orderId, WorkOrderKind.Disconnection, account.DsoCode, dunningCase.Id,
            Math.Max(1, options.DisconnectionWorkingDays),
            new WorkOrderSubject(dunningCase.Number, account.Number, account.Eic, account.Address, AccountNames.Of(account.Settlement))), now, cancellationToken);
    }

    /// <summary>Runs one case's unit of work and saves it; a lost race (another instance changed it first) is skipped.</summary>
    private async Task<bool> SaveEachAsync(Func<Task> work, CancellationToken cancellationToken)
    {
        try
        {
            await work();
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException exception)
        {
            // Another instance warned, ordered or closed this case first (its version moved): it has done this step.
            logger.LogDebug(exception, "A dunning case changed under this pass; another instance handles it");
            return false;
        }
        catch (DbUpdateException exception)
        {
            // Most often another instance opened the account's case first (one open case per account); anything else is
            // logged for staff, and the pass goes on with the next case rather than stopping the city's dunning.
            logger.LogWarning(exception, "A dunning case was not saved; the next pass tries again");
            return false;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    private sealed class Counts
    {
        public int Started { get; set; }

        public int Warned { get; set; }

        public int Ordered { get; set; }

        public int Stopped { get; set; }
    }
}
