using Vidnova.Accounts;
using Vidnova.Kernel;
using Vidnova.Ledger;

namespace Vidnova.Payments.Online;

/// <summary>
/// Whether a payment just cleared the debt of an account that was cut off for it: then the customer is told at once,
/// in the confirmation email and on the return page, that they can apply for restoration now, with the link that
/// starts the application (the cabinet's own form decides the rest, an application already open included).
/// </summary>
internal sealed class RestorationAfterPayment(IPersonalAccounts accounts)
{
    /// <summary>The cabinet's restoration form of the account.</summary>
    public static string StartPath(AccountNumber account) => $"/cabinet/accounts/{account.Value}/restoration";

    public async Task<bool> OpensAsync(AccountNumber account, LedgerBalance balance, CancellationToken cancellationToken) =>
        !balance.Debt.IsPositive && (await accounts.FindAsync(account, cancellationToken))?.SupplyStatus == SupplyStatus.DisconnectedForDebt;
}
