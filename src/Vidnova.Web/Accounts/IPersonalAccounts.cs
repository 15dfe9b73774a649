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

    /// <summary>Every account number in the database's order, cut into consecutive ranges of at most <paramref name="size"/>, in one query.</summary>
    Task<IReadOnlyList<AccountNumberRange>> RangesAsync(int size, CancellationToken cancellationToken);

    /// <summary>The account numbers from <paramref name="from"/> to <paramref name="to"/> inclusive, in the order of <see cref="RangesAsync"/>.</summary>
    Task<IReadOnlyList<AccountNumber>> NumbersBetweenAsync(AccountNumber from, AccountNumber to, CancellationToken cancellationToken);
}

/// <summary>Consecutive account numbers, <see cref="From"/> to <see cref="To"/> inclusive: a unit of work over many accounts.</summary>
public sealed record AccountNumberRange(AccountNumber From, AccountNumber To, int Count);

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
    /// <summary>The account's own email for notices (besides its cabinet logins'), if billing gave one.</summary>
    public string? ContactEmail { get; init; }

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

    public async Task<IReadOnlyList<AccountNumberRange>> RangesAsync(int size, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        var rows = await db.Database.SqlQueryRaw<RangeRow>(
            """
            SELECT MIN("Number") AS "From", MAX("Number") AS "To", COUNT(*) AS "Count"
            FROM (SELECT "Number", (ROW_NUMBER() OVER (ORDER BY "Number") - 1) / {0} AS "Slice" FROM customer_accounts) AS numbered
            GROUP BY "Slice" ORDER BY "Slice"
            """, size).ToListAsync(cancellationToken);
        return [.. rows.Select(r => new AccountNumberRange(AccountNumber.Parse(r.From), AccountNumber.Parse(r.To), (int)r.Count))];
    }

    public async Task<IReadOnlyList<AccountNumber>> NumbersBetweenAsync(AccountNumber from, AccountNumber to, CancellationToken cancellationToken) =>
        [.. (await db.Database.SqlQueryRaw<string>(
            """SELECT "Number" AS "Value" FROM customer_accounts WHERE "Number" >= {0} AND "Number" <= {1} ORDER BY "Number" """, from.Value, to.Value)
            .ToListAsync(cancellationToken)).Select(AccountNumber.Parse)];

    private sealed class RangeRow
    {
        public string From { get; set; } = "";

        public string To { get; set; } = "";

        public long Count { get; set; }
    }
}
