using Vidnova.Accounts;
using Vidnova.Customers;
using Vidnova.Dso;
using Vidnova.Kernel;
using Vidnova.Ledger;
using Vidnova.Restoration;

namespace Vidnova.Cabinet;

/// <summary>A personal account as its customer sees it in the cabinet and the app.</summary>
/// <param name="DsoName">Read only for one account's details; null in the list.</param>
internal sealed record CabinetAccount(PersonalAccountSummary Account, LedgerBalance Balance, OpenRestorationApplication? OpenApplication, string? DsoName)
{
    public AccountNumber Number => Account.Number;

    public CabinetNextStep NextStep => CabinetNextSteps.For(Account.SupplyStatus, Balance, OpenApplication);
}

/// <summary>
/// The cabinet's read side: the accounts linked to a login, one account's details and its ledger. Whatever is not
/// linked to the login is not found, through <see cref="ICustomerAccounts.RequireLinkedAsync"/>.
/// </summary>
internal sealed class CabinetAccounts(
    ICustomerAccounts links,
    IPersonalAccounts accounts,
    ILedger ledger,
    IOpenRestorationApplications applications,
    IDsoDirectory dsos)
{
    /// <summary>The login's accounts in the order it linked them.</summary>
    public async Task<IReadOnlyList<CabinetAccount>> ListAsync(Guid loginId, CancellationToken cancellationToken)
    {
        var numbers = await links.LinkedToAsync(loginId, cancellationToken);
        if (numbers.Count == 0)
        {
            return [];
        }

        var found = await accounts.FindManyAsync(numbers, cancellationToken);
        var balances = await ledger.BalancesOfAsync(numbers, cancellationToken);
        var open = await applications.OfAsync(numbers, cancellationToken);
        return numbers.Where(found.ContainsKey)
            .Select(n => new CabinetAccount(found[n], balances[n], open.GetValueOrDefault(n), DsoName: null))
            .ToList();
    }

    public async Task<CabinetAccount> GetAsync(Guid loginId, string? accountNumber, CancellationToken cancellationToken)
    {
        var number = await links.RequireLinkedAsync(loginId, accountNumber, cancellationToken);
        var account = await accounts.FindAsync(number, cancellationToken) ?? throw AccountAccess.NotLinked();
        var open = await applications.OfAsync([number], cancellationToken);
        return new CabinetAccount(account, await ledger.BalanceOfAsync(number, cancellationToken), open.GetValueOrDefault(number),
            await dsos.NameOfAsync(account.DsoCode, cancellationToken));
    }

    public async Task<(AccountNumber Number, LedgerStatement Statement)> StatementAsync(
        Guid loginId, string? accountNumber, StatementPeriod period, CancellationToken cancellationToken)
    {
        var number = await links.RequireLinkedAsync(loginId, accountNumber, cancellationToken);
        return (number, await ledger.StatementAsync(number, period.Start, period.End, cancellationToken));
    }
}
