using Microsoft.EntityFrameworkCore;
using Vidnova.Kernel;
using Vidnova.Persistence;

namespace Vidnova.Accounts;

/// <summary>What other capabilities may ask about personal accounts without reading the account itself.</summary>
public interface IPersonalAccounts
{
    Task<bool> ExistsAsync(AccountNumber account, CancellationToken cancellationToken);

    /// <summary>The account as the staff pages show it; null when the billing system has not imported it.</summary>
    Task<AccountSummary?> SummaryOfAsync(AccountNumber account, CancellationToken cancellationToken);
}

/// <summary>A personal account as another capability's page shows it: who holds it, where, and whether it is supplied.</summary>
public sealed record AccountSummary(AccountNumber Number, string HolderName, string Address, Eic Eic, SupplyStatus SupplyStatus);

internal sealed class PersonalAccounts(VidnovaDbContext db) : IPersonalAccounts
{
    public Task<bool> ExistsAsync(AccountNumber account, CancellationToken cancellationToken) =>
        db.Set<PersonalAccount>().AnyAsync(a => a.Number == account, cancellationToken);

    public Task<AccountSummary?> SummaryOfAsync(AccountNumber account, CancellationToken cancellationToken) =>
        db.Set<PersonalAccount>().AsNoTracking()
            .Where(a => a.Number == account)
            .Select(a => new AccountSummary(a.Number, a.HolderName, a.Address, a.Eic, a.SupplyStatus))
            .SingleOrDefaultAsync(cancellationToken);
}
