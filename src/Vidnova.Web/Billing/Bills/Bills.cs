using Microsoft.EntityFrameworkCore;
using NodaTime;
using Vidnova.Accounts;
using Vidnova.Kernel;
using Vidnova.Persistence;

namespace Vidnova.Billing.Bills;

/// <summary>Reading an account's bills: for the JSON and PDF documents, the cabinet and the consumption chart.</summary>
public interface IBills
{
    /// <summary>The account's bills, newest period first; <paramref name="since"/> keeps those of that period and later.</summary>
    Task<IReadOnlyList<Bill>> OfAccountAsync(AccountNumber account, BillingPeriod? since, CancellationToken cancellationToken);

    /// <summary>The account's bill of the period, or null when it was not billed (yet).</summary>
    Task<Bill?> FindAsync(AccountNumber account, BillingPeriod period, CancellationToken cancellationToken);

    /// <summary>
    /// What the bills due on <paramref name="dueOnOrAfter"/> or later charged each account (credits left out), in one
    /// query: the part of a balance that is not yet overdue.
    /// </summary>
    Task<IReadOnlyDictionary<AccountNumber, Money>> ChargedDueOnOrAfterAsync(IReadOnlyCollection<AccountNumber> accounts, LocalDate dueOnOrAfter,
        CancellationToken cancellationToken);

    /// <summary>The account's bills issued after <paramref name="since"/> (a charge, its due date), oldest first.</summary>
    Task<IReadOnlyList<IssuedBill>> IssuedSinceAsync(AccountNumber account, Instant since, CancellationToken cancellationToken);

    /// <summary>The account's newest <paramref name="count"/> bills as a customer picks one: the month, what to pay, by when.</summary>
    Task<IReadOnlyList<BillSummary>> LatestAsync(AccountNumber account, int count, CancellationToken cancellationToken);

    /// <summary>The bill of the period as the PDF the cabinet downloads (requisites, lines, payment QR), or null when it was not billed.</summary>
    Task<BillPdf?> PdfAsync(AccountNumber account, BillingPeriod period, CancellationToken cancellationToken);
}

/// <summary>A bill as a list shows it: its month, what it asks to pay (previous balance included) and by when.</summary>
public sealed record BillSummary(BillingPeriod Period, Money ToPay, LocalDate DueDate);

/// <summary>A bill's PDF document and the file name it is offered under.</summary>
public sealed record BillPdf(string FileName, byte[] Content);

/// <summary>What a bill charged and by when it is to be paid, for the capabilities that weigh payments against bills.</summary>
public sealed record IssuedBill(BillingPeriod Period, Money Amount, LocalDate DueDate, Instant IssuedAt);

internal sealed class Bills(VidnovaDbContext db, IPersonalAccounts accounts, BillDocument document) : IBills
{
    public async Task<IReadOnlyList<BillSummary>> LatestAsync(AccountNumber account, int count, CancellationToken cancellationToken) =>
        [.. (await OfAccountAsync(account, null, cancellationToken)).Take(count).Select(b => new BillSummary(b.Period, b.ToPay, b.DueDate))];

    public async Task<BillPdf?> PdfAsync(AccountNumber account, BillingPeriod period, CancellationToken cancellationToken) =>
        await FindAsync(account, period, cancellationToken) is { } bill && await accounts.FindAsync(account, cancellationToken) is { } summary
            ? new BillPdf(BillDocument.FileName(bill), document.Render(bill, summary))
            : null;

    public async Task<IReadOnlyList<Bill>> OfAccountAsync(AccountNumber account, BillingPeriod? since, CancellationToken cancellationToken)
    {
        // Ordered here: the period is a converted value, and a household has twelve bills a year.
        var bills = await db.Set<Bill>().AsNoTracking().Where(b => b.AccountNumber == account).ToListAsync(cancellationToken);
        return [.. bills.Where(b => since is null || b.Period >= since.Value).OrderByDescending(b => b.Period)];
    }

    public async Task<IReadOnlyDictionary<AccountNumber, Money>> ChargedDueOnOrAfterAsync(IReadOnlyCollection<AccountNumber> accounts,
        LocalDate dueOnOrAfter, CancellationToken cancellationToken)
    {
        // Summed here: amounts are text on SQLite; an account has a bill or two that are not yet overdue.
        var recent = await db.Set<Bill>().AsNoTracking()
            .Where(b => accounts.Contains(b.AccountNumber) && b.DueDate >= dueOnOrAfter)
            .Select(b => new { b.AccountNumber, b.Amount })
            .ToListAsync(cancellationToken);
        var charged = recent.Where(b => b.Amount.IsPositive).GroupBy(b => b.AccountNumber)
            .ToDictionary(g => g.Key, g => g.Aggregate(Money.Zero, (sum, b) => sum + b.Amount));
        return accounts.Distinct().ToDictionary(a => a, a => charged.GetValueOrDefault(a));
    }

    public Task<Bill?> FindAsync(AccountNumber account, BillingPeriod period, CancellationToken cancellationToken) =>
        db.Set<Bill>().AsNoTracking().SingleOrDefaultAsync(b => b.AccountNumber == account && b.Period == period, cancellationToken);

    public async Task<IReadOnlyList<IssuedBill>> IssuedSinceAsync(AccountNumber account, Instant since, CancellationToken cancellationToken)
    {
        var bills = await db.Set<Bill>().AsNoTracking().Where(b => b.AccountNumber == account && b.IssuedAt > since)
            .Select(b => new { b.Period, b.Amount, b.DueDate, b.IssuedAt }).ToListAsync(cancellationToken);
        return [.. bills.OrderBy(b => b.IssuedAt).Select(b => new IssuedBill(b.Period, b.Amount, b.DueDate, b.IssuedAt))];
    }
}
