using Vidnova.Accounts;

namespace Vidnova.Cabinet;

/// <summary>How the cabinet's pages name an account's state: Ukrainian texts (translation keys) and their badge colour.</summary>
internal static class CabinetDisplay
{
    public static (string Text, string Badge) Supply(SupplyStatus status) => status switch
    {
        SupplyStatus.Connected => ("Електропостачання є", "badge-ok"),
        SupplyStatus.DisconnectionOrdered => ("Замовлено відключення", "badge-warn"),
        SupplyStatus.DisconnectedForDebt => ("Відключено за борг", "badge-bad"),
        SupplyStatus.RestorationOrdered => ("Замовлено відновлення", "badge-warn"),
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
