using Microsoft.EntityFrameworkCore;
using Vidnova.Kernel;
using Vidnova.Persistence;

namespace Vidnova.Accounts;

/// <summary>What other capabilities may ask about personal accounts without reading the account itself.</summary>
public interface IPersonalAccounts
{
    Task<bool> ExistsAsync(AccountNumber account, CancellationToken cancellationToken);

    /// <summary>The account as other capabilities see it, or null when there is no such account.</summary>
    Task<PersonalAccountSummary?> FindAsync(AccountNumber account, CancellationToken cancellationToken);

    /// <summary>Each of the accounts that exists, in one query.</summary>
    Task<IReadOnlyDictionary<AccountNumber, PersonalAccountSummary>> FindManyAsync(IReadOnlyCollection<AccountNumber> accounts, CancellationToken cancellationToken);

    /// <summary>Household or not, for each of the accounts that exists.</summary>
    Task<IReadOnlyDictionary<AccountNumber, CustomerKind>> KindsOfAsync(IReadOnlyCollection<AccountNumber> accounts, CancellationToken cancellationToken);
}

/// <summary>A personal account as read by another capability: who holds it, where it is supplied and whether it is.</summary>
public sealed record PersonalAccountSummary(
    AccountNumber Number,
    string HolderName,
    string Address,
    Eic Eic,
    Settlement Settlement,
    DsoCode DsoCode,
    CustomerKind Kind,
    SupplyStatus SupplyStatus)
{
    /// <inheritdoc cref="PersonalAccount.SurnameMatches"/>
    public bool HolderSurnameMatches(string surname) => PersonalAccount.SurnameMatches(HolderName, surname);
}

internal sealed class PersonalAccounts(VidnovaDbContext db) : IPersonalAccounts
{
    public Task<bool> ExistsAsync(AccountNumber account, CancellationToken cancellationToken) =>
        db.Set<PersonalAccount>().AnyAsync(a => a.Number == account, cancellationToken);

    public async Task<PersonalAccountSummary?> FindAsync(AccountNumber account, CancellationToken cancellationToken) =>
        (await db.Set<PersonalAccount>().AsNoTracking().SingleOrDefaultAsync(a => a.Number == account, cancellationToken))?.Summary();

    public async Task<IReadOnlyDictionary<AccountNumber, PersonalAccountSummary>> FindManyAsync(
        IReadOnlyCollection<AccountNumber> accounts, CancellationToken cancellationToken) =>
        (await db.Set<PersonalAccount>().AsNoTracking().Where(a => accounts.Contains(a.Number)).ToListAsync(cancellationToken))
            .ToDictionary(a => a.Number, a => a.Summary());

    public async Task<IReadOnlyDictionary<AccountNumber, CustomerKind>> KindsOfAsync(
        IReadOnlyCollection<AccountNumber> accounts, CancellationToken cancellationToken) =>
        await db.Set<PersonalAccount>().AsNoTracking()
            .Where(a => accounts.Contains(a.Number))
            .ToDictionaryAsync(a => a.Number, a => a.Kind, cancellationToken);
}
