using Microsoft.EntityFrameworkCore;
using Vidnova.Kernel;
using Vidnova.Persistence;

namespace Vidnova.Accounts;

/// <summary>What other capabilities may ask about personal accounts without reading the account itself.</summary>
public interface IPersonalAccounts
{
    Task<bool> ExistsAsync(AccountNumber account, CancellationToken cancellationToken);
}

internal sealed class PersonalAccounts(VidnovaDbContext db) : IPersonalAccounts
{
    public Task<bool> ExistsAsync(AccountNumber account, CancellationToken cancellationToken) =>
        db.Set<PersonalAccount>().AnyAsync(a => a.Number == account, cancellationToken);
}
