using Vidnova.Accounts;
using Vidnova.Ledger;
using Vidnova.Restoration;

namespace Vidnova.Cabinet;

/// <summary>The one thing an account's card asks its customer to do next.</summary>
internal enum CabinetNextStep
{
    None,

    /// <summary>Something is owed: pay it (the ways to pay, the account's ledger).</summary>
    PayDebt,

    /// <summary>The open application waits for the DSO's invoice to be paid: send the receipt.</summary>
    SendReceipt,

    /// <summary>An application is open and waits for someone else (the email code, an operator, the DSO): follow it.</summary>
    FollowApplication,

    /// <summary>Cut off for debt, nothing owed, no application: apply for restoration.</summary>
    ApplyForRestoration,
}

internal static class CabinetNextSteps
{
    /// <summary>
    /// An open application comes first: it is what the customer already started. Without one, a debt must be paid
    /// before anything else (restoration is refused while a kopiyka is owed); paid up and cut off, apply.
    /// </summary>
    public static CabinetNextStep For(SupplyStatus supply, LedgerBalance balance, OpenRestorationApplication? open) => open switch
    {
        { Status: ApplicationStatus.AwaitingPayment } => CabinetNextStep.SendReceipt,
        not null => CabinetNextStep.FollowApplication,
        _ when balance.Debt.IsPositive => CabinetNextStep.PayDebt,
        _ when supply == SupplyStatus.DisconnectedForDebt => CabinetNextStep.ApplyForRestoration,
        _ => CabinetNextStep.None,
    };
}
