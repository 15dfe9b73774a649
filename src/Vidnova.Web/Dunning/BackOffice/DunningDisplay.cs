namespace Vidnova.Dunning.BackOffice;

/// <summary>Badges and the Ukrainian names (the translation keys) of dunning's states on its staff pages.</summary>
internal static class DunningDisplay
{
    public static string BadgeClass(DunningState state) => state switch
    {
        DunningState.Warned => "badge badge-warn",
        DunningState.Scheduled or DunningState.DisconnectionOrdered => "badge badge-bad",
        DunningState.Disconnected => "badge badge-bad",
        DunningState.Paused => "badge",
        _ => "badge badge-muted",
    };

    public static string ToUkrainian(this DunningState state) => state switch
    {
        DunningState.Warned => "Попереджено",
        DunningState.Scheduled => "Відключення призначено",
        DunningState.Paused => "Призупинено",
        DunningState.DisconnectionOrdered => "Заявку на відключення передано ОСР",
        DunningState.Disconnected => "Відключено за борг",
        _ => "Закрито",
    };

    public static string ToUkrainian(this DunningCloseReason reason) => reason switch
    {
        DunningCloseReason.Paid => "борг сплачено",
        DunningCloseReason.RepaymentSchedule => "графік погашення",
        DunningCloseReason.CourtDispute => "судовий спір",
        DunningCloseReason.Moratorium => "мораторій",
        DunningCloseReason.DsoRejected => "ОСР відмовив",
        _ => "не підлягає відключенню",
    };

    public static string ToUkrainian(this CourtRulingOutcome outcome) => outcome switch
    {
        CourtRulingOutcome.DisconnectionPrevented => "відключення не буде",
        CourtRulingOutcome.RestorationOrdered => "замовлено відновлення",
        _ => "записано",
    };

    public static string ToUkrainian(this Accounts.SupplyStatus status) => status switch
    {
        Accounts.SupplyStatus.Connected => "Підключено",
        Accounts.SupplyStatus.DisconnectionOrdered => "Замовлено відключення",
        Accounts.SupplyStatus.DisconnectedForDebt => "Відключено за борг",
        _ => "Замовлено відновлення",
    };

    public static string Channel(string channel) => channel == DunningWarning.Email ? "Email" : "Кабінет";

    /// <summary>The colleague's login when a staff member did it (<c>staff:olena@…</c>); null for the system or the DSO.</summary>
    public static string? StaffLogin(string actor) => actor.StartsWith("staff:", StringComparison.Ordinal) ? actor["staff:".Length..] : null;
}
