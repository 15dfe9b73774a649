using Microsoft.EntityFrameworkCore;
using NodaTime;
using Vidnova.Kernel;
using Vidnova.Persistence;

namespace Vidnova.Ledger;

internal sealed class AccountLedger(VidnovaDbContext db) : ILedger
{
    public async Task<LedgerBalance> ChargeAsync(AccountNumber account, Money amount, Instant at, string description, CancellationToken cancellationToken)
    {
        var balance = await TrackedBalanceAsync(account, cancellationToken);
        db.Add(balance.Charge(amount, at, description));
        return balance.Snapshot;
    }

    public async Task<PaymentPosting> RecordPaymentAsync(
        AccountNumber account, Money amount, Instant paidAt, string channel, string reference, CancellationToken cancellationToken)
    {
        var balance = await TrackedBalanceAsync(account, cancellationToken);
        var entry = balance.Payment(amount, paidAt, channel, reference);
        db.Add(entry);
        return new PaymentPosting(Booked(entry), balance.Snapshot);
    }

    public async Task<LedgerBalance> RecordReversalAsync(
        AccountNumber account, Money amount, Instant at, string channel, string reference, CancellationToken cancellationToken)
    {
        var balance = await TrackedBalanceAsync(account, cancellationToken);
        db.Add(balance.Reversal(amount, at, channel, reference));
        return balance.Snapshot;
    }

    public async Task<LedgerBalance> SetOpeningBalanceAsync(AccountNumber account, Money debt, Instant at, CancellationToken cancellationToken)
    {
        var balance = await TrackedBalanceAsync(account, cancellationToken);
        if (balance.SetOpeningBalance(debt, at) is { } entry)
        {
            db.Add(entry);
        }

        return balance.Snapshot;
    }

    public async Task<BookedPayment?> FindPaymentAsync(string channel, string reference, CancellationToken cancellationToken) =>
        await db.Set<LedgerEntry>().AsNoTracking()
            .SingleOrDefaultAsync(e => e.Kind == LedgerEntryKind.Payment && e.Channel == channel && e.Reference == reference, cancellationToken)
            is { } entry ? Booked(entry) : null;

    public async Task<LedgerBalance> BalanceOfAsync(AccountNumber account, CancellationToken cancellationToken)
    {
        // A balance this unit of work already changed is the one to report; otherwise one row, not the journal.
        var balance = db.Set<AccountBalance>().Local.FirstOrDefault(b => b.AccountNumber == account)
            ?? await db.Set<AccountBalance>().AsNoTracking().SingleOrDefaultAsync(b => b.AccountNumber == account, cancellationToken);
        return balance?.Snapshot ?? LedgerBalance.Empty(account);
    }

    public async Task<LedgerStatement> StatementAsync(AccountNumber account, Instant? from, Instant? until, CancellationToken cancellationToken)
    {
        var entries = db.Set<LedgerEntry>().AsNoTracking().Where(e => e.AccountNumber == account);
        // Summed here rather than in SQL: the amount is a converted value type, and a household's journal is short.
        var opening = from is { } start
            ? (await entries.Where(e => e.OccurredAt < start).Select(e => e.Amount).ToListAsync(cancellationToken)).Aggregate(Money.Zero, (sum, a) => sum + a)
            : Money.Zero;
        var period = entries;
        if (from is { } periodStart)
        {
            period = period.Where(e => e.OccurredAt >= periodStart);
        }

        if (until is { } end)
        {
            period = period.Where(e => e.OccurredAt < end);
        }

        var lines = new List<StatementLine>();
        var running = opening;
        foreach (var entry in await period.OrderBy(e => e.OccurredAt).ThenBy(e => e.Id).ToListAsync(cancellationToken))
        {
            running += entry.Amount;
            lines.Add(new StatementLine(entry.OccurredAt, entry.Kind, entry.Description, entry.Amount, running));
        }

        return new LedgerStatement(opening, lines);
    }

    public Task ChargeManyAsync(IReadOnlyList<BillCharge> charges, CancellationToken cancellationToken) =>
        BulkCharges.PostAsync(db, charges, cancellationToken);

    public async Task<IReadOnlyDictionary<AccountNumber, Money>> PaymentsSinceAsync(
        IReadOnlyCollection<AccountNumber> accounts, Instant since, CancellationToken cancellationToken)
    {
        // Summed here: the amount is a converted value type (text on SQLite); a household pays a few times a month.
        var moves = await db.Set<LedgerEntry>().AsNoTracking()
            .Where(e => accounts.Contains(e.AccountNumber) && (e.Kind == LedgerEntryKind.Payment || e.Kind == LedgerEntryKind.Reversal) && e.OccurredAt >= since)
            .Select(e => new { e.AccountNumber, e.Amount })
            .ToListAsync(cancellationToken);
        var paid = moves.GroupBy(m => m.AccountNumber).ToDictionary(g => g.Key, g => -g.Aggregate(Money.Zero, (sum, m) => sum + m.Amount));
        return accounts.Distinct().ToDictionary(a => a, a => paid.GetValueOrDefault(a));
    }

    public async Task<IReadOnlyDictionary<AccountNumber, LedgerBalance>> BalancesOfAsync(
        IReadOnlyCollection<AccountNumber> accounts, CancellationToken cancellationToken)
    {
        var stored = await db.Set<AccountBalance>().AsNoTracking()
            .Where(b => accounts.Contains(b.AccountNumber))
            .ToDictionaryAsync(b => b.AccountNumber, b => b.Snapshot, cancellationToken);
        return accounts.Distinct().ToDictionary(a => a, a => stored.TryGetValue(a, out var balance) ? balance : LedgerBalance.Empty(a));
    }

    public async Task<(IReadOnlyList<LedgerBalance> Owing, AccountNumber? ContinueAfter)> OwingAtLeastAsync(Money minimum, AccountNumber? after, int take,
        CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(take, 1);
        // Filtered here: the balance is text on SQLite, which it cannot compare as a number; the page is keyed by account.
        var page = await db.Database.SqlQueryRaw<BalanceRow>(
            """
            SELECT "AccountNumber", "Balance" FROM ledger_balances WHERE "AccountNumber" > {0} ORDER BY "AccountNumber" LIMIT {1}
            """, after?.Value ?? "", take).ToListAsync(cancellationToken);
        var owing = page.Select(r => new LedgerBalance(AccountNumber.Parse(r.AccountNumber), Money.Uah(r.Balance))).Where(b => b.Balance >= minimum).ToList();
        return (owing, page.Count < take ? null : AccountNumber.Parse(page[^1].AccountNumber));
    }

    public async Task<IReadOnlyDictionary<AccountNumber, Money>> ChargesOtherThanBillsSinceAsync(
        IReadOnlyCollection<AccountNumber> accounts, Instant since, CancellationToken cancellationToken)
    {
        var charges = await db.Set<LedgerEntry>().AsNoTracking()
            .Where(e => accounts.Contains(e.AccountNumber) && e.OccurredAt >= since
                && (e.Kind == LedgerEntryKind.OpeningBalance || (e.Kind == LedgerEntryKind.Charge && e.Channel == null)))
            .Select(e => new { e.AccountNumber, e.Amount })
            .ToListAsync(cancellationToken);
        var summed = charges.GroupBy(c => c.AccountNumber).ToDictionary(g => g.Key, g => g.Aggregate(Money.Zero, (sum, c) => sum + c.Amount));
        return accounts.Distinct().ToDictionary(a => a, a => Money.Max(summed.GetValueOrDefault(a), Money.Zero));
    }

    /// <summary>A payment entry as others see it: the journal's negative amount is the positive sum paid.</summary>
    private static BookedPayment Booked(LedgerEntry payment) =>
        new(payment.Id, payment.AccountNumber, -payment.Amount, payment.OccurredAt, payment.Channel!, payment.Reference!);

    /// <summary>The account's balance row, tracked so its version guards the save; created with the first entry.</summary>
    private async Task<AccountBalance> TrackedBalanceAsync(AccountNumber account, CancellationToken cancellationToken)
    {
        var balance = await db.Set<AccountBalance>().SingleOrDefaultAsync(b => b.AccountNumber == account, cancellationToken);
        if (balance is null)
        {
            balance = db.Set<AccountBalance>().Local.FirstOrDefault(b => b.AccountNumber == account);
            if (balance is null)
            {
                balance = AccountBalance.Open(account);
                db.Add(balance);
            }
        }

        return balance;
    }

    private sealed class BalanceRow
    {
        public string AccountNumber { get; set; } = "";

        public decimal Balance { get; set; }
    }
}
