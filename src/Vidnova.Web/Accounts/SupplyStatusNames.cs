namespace Vidnova.Accounts;

/// <summary>The supply states as the API spells them (README, "Accounts").</summary>
internal static class SupplyStatusNames
{
    public static string Of(SupplyStatus status) => status switch
    {
        SupplyStatus.Connected => "connected",
        SupplyStatus.DisconnectionOrdered => "disconnection_ordered",
        SupplyStatus.DisconnectedForDebt => "disconnected_for_debt",
        SupplyStatus.RestorationOrdered => "restoration_ordered",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static SupplyStatus? Parse(string? name) => name switch
    {
        "connected" => SupplyStatus.Connected,
        "disconnection_ordered" => SupplyStatus.DisconnectionOrdered,
        "disconnected_for_debt" => SupplyStatus.DisconnectedForDebt,
        "restoration_ordered" => SupplyStatus.RestorationOrdered,
        _ => null,
    };
}

/// <summary>An account's settlement type and customer kind as the API spells them.</summary>
public static class AccountNames
{
    public static string Of(Settlement settlement) => settlement == Settlement.City ? "city" : "rural";

    public static string Of(CustomerKind kind) => kind == CustomerKind.Household ? "household" : "non_household";

    /// <inheritdoc cref="SupplyStatusNames.Of"/>
    public static string Of(SupplyStatus status) => SupplyStatusNames.Of(status);
}
