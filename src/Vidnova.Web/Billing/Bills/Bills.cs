using Microsoft.EntityFrameworkCore;
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
}

internal sealed class Bills(VidnovaDbContext db) : IBills
{
    public async Task<IReadOnlyList<Bill>> OfAccountAsync(AccountNumber account, BillingPeriod? since, CancellationToken cancellationToken)
    {
        // Ordered here: the period is a converted value, and a household has twelve bills a year.
        var bills = await db.Set<Bill>().AsNoTracking().Where(b => b.AccountNumber == account).ToListAsync(cancellationToken);
        return [.. bills.Where(b => since is null || b.Period >= since.Value).OrderByDescending(b => b.Period)];
    }

    public Task<Bill?> FindAsync(AccountNumber account, BillingPeriod period, CancellationToken cancellationToken) =>
        db.Set<Bill>().AsNoTracking().SingleOrDefaultAsync(b => b.AccountNumber == account && b.Period == period, cancellationToken);
}
