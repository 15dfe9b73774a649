using NodaTime;
using Vidnova.Dso.WorkOrders;
using Vidnova.Kernel;

namespace Vidnova.Accounts;

public enum Settlement
{
    City,
    Rural,
}

/// <summary>
/// Household (побутовий) or non-household (непобутовий) customer: guaranteed-standard compensation differs
/// (NEURC resolution No. 375) and so do some protections (PRRE 7.11 protects households only).
/// </summary>
public enum CustomerKind
{
    Household,
    NonHousehold,
}

/// <summary>
/// Whether the metering point is supplied, as far as the supplier knows: the DSO does the physical work (PRRE 7.5
/// disconnects, КСР 11.5.23 reconnects), so the state follows the DSO's confirmed work-order events, and an ordered
/// state says a work order is with the DSO.
/// </summary>
public enum SupplyStatus
{
    Connected,
    DisconnectionOrdered,
    DisconnectedForDebt,
    RestorationOrdered,
}

/// <summary>A customer's personal account (особовий рахунок) with the supplier; its charges and payments are in the ledger.</summary>
public sealed class PersonalAccount
{
    private PersonalAccount(AccountNumber number, string holderName, string address, Eic eic, Settlement settlement, DsoCode dsoCode)
    {
        Number = number;
        HolderName = holderName;
        Address = address;
        Eic = eic;
        Settlement = settlement;
        DsoCode = dsoCode;
    }

    public AccountNumber Number { get; private set; }

    /// <summary>Surname first, as on Ukrainian documents: «Шевченко Тарас Григорович».</summary>
    public string HolderName { get; private set; }

    public string Address { get; private set; }

    public Eic Eic { get; private set; }

    public Settlement Settlement { get; private set; }

    public DsoCode DsoCode { get; private set; }

    /// <summary>Changed only by the DSO's work-order events or an audited staff correction; a new account is connected.</summary>
    public SupplyStatus SupplyStatus { get; private set; }

    public CustomerKind Kind { get; private set; } = CustomerKind.Household;

    /// <summary>Where a customer who never registered in the cabinet gets warnings (billing's record); optional.</summary>
    public string? ContactEmail { get; private set; }

    public uint Version { get; private set; }

    public static PersonalAccount Open(AccountNumber number, string holderName, string address, Eic eic, Settlement settlement, DsoCode dsoCode) =>
        new(number, holderName.Trim(), address.Trim(), eic, settlement, dsoCode);

    public void UpdateDetails(string holderName, string address, Eic eic, Settlement settlement, DsoCode dsoCode)
    {
        HolderName = holderName.Trim();
        Address = address.Trim();
        Eic = eic;
        Settlement = settlement;
        DsoCode = dsoCode;
        Version++;
    }

    public void SetContactEmail(string email)
    {
        ContactEmail = email;
        Version++;
    }

    public void SetKind(CustomerKind kind)
    {
        Kind = kind;
        Version++;
    }

    /// <summary>
    /// Follows a DSO work order on this metering point: placing it means the work is ordered; the DSO's completion
    /// is the new physical state; its rejection or the supplier's cancellation leaves the point as it was before the order. An acknowledgement
    /// changes nothing.
    /// </summary>
    /// <returns>Whether the supply state changed.</returns>
    public bool FollowWorkOrder(WorkOrderKind kind, WorkOrderStatus status)
    {
        SupplyStatus? next = (kind, status) switch
        {
            (WorkOrderKind.Restoration, WorkOrderStatus.Pending) => SupplyStatus.RestorationOrdered,
            (WorkOrderKind.Restoration, WorkOrderStatus.Completed) => SupplyStatus.Connected,
            (WorkOrderKind.Restoration, WorkOrderStatus.Rejected) => SupplyStatus.DisconnectedForDebt,
            (WorkOrderKind.Disconnection, WorkOrderStatus.Pending) => SupplyStatus.DisconnectionOrdered,
            (WorkOrderKind.Disconnection, WorkOrderStatus.Completed) => SupplyStatus.DisconnectedForDebt,
            (WorkOrderKind.Disconnection, WorkOrderStatus.Rejected) => SupplyStatus.Connected,
            (WorkOrderKind.Disconnection, WorkOrderStatus.Cancelled) => SupplyStatus.Connected,
            (WorkOrderKind.Restoration, WorkOrderStatus.Cancelled) => SupplyStatus.DisconnectedForDebt,
            _ => null,
        };
        if (next is not { } changed || changed == SupplyStatus)
        {
            return false;
        }

        SupplyStatus = changed;
        Version++;
        return true;
    }

    /// <summary>
    /// A staff member sets the supply state by hand (billing migration, a DSO report received on paper). Unlike a
    /// DSO event nothing vouches for it, so every change is recorded: who, when, from what, to what.
    /// </summary>
    /// <returns>The audit record to save, or null when the state already was that.</returns>
    public SupplyStatusCorrection? CorrectSupplyStatus(SupplyStatus to, string correctedBy, Instant at)
    {
        if (to == SupplyStatus)
        {
            return null;
        }

        var correction = SupplyStatusCorrection.Record(Number, SupplyStatus, to, correctedBy, at);
        SupplyStatus = to;
        Version++;
        return correction;
    }

    /// <summary>What other capabilities may read of this account (see <see cref="IPersonalAccounts"/>).</summary>
    public PersonalAccountSummary Summary() => new(Number, HolderName, Address, Eic, Settlement, DsoCode, Kind, SupplyStatus) { ContactEmail = ContactEmail };

    /// <summary>
    /// Compares the surname a customer typed with the holder's, ignoring case, surrounding spaces and the
    /// different apostrophes Ukrainian keyboards produce («Дем'янчук», «Демʼянчук», «Дем’янчук»).
    /// </summary>
    internal static bool SurnameMatches(string holderName, string surname)
    {
        var holderSurname = holderName.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
        return string.Equals(NormaliseName(holderSurname), NormaliseName(surname), StringComparison.OrdinalIgnoreCase);
    }

    private static string NormaliseName(string name) =>
        name.Trim().Replace('’', '\'').Replace('ʼ', '\'').Replace('`', '\'').ToUpperInvariant();
}
