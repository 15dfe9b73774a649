using NodaTime;
using Vidnova.Kernel;
using Vidnova.Ledger;

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

public enum SupplyStatus
{
    Connected,
    DisconnectedForDebt,
}

/// <summary>A customer's personal account with the supplier and its ledger of charges and payments.</summary>
public sealed class CustomerAccount
{
    private readonly List<LedgerEntry> _ledger = [];

    private CustomerAccount(AccountNumber number, string holderName, string address, Eic eic, Settlement settlement, DsoCode dsoCode)
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

    public SupplyStatus SupplyStatus { get; private set; }

    public CustomerKind Kind { get; private set; } = CustomerKind.Household;

    public uint Version { get; private set; }

    public IReadOnlyList<LedgerEntry> Ledger => _ledger;

    /// <summary>Charges minus payments; positive means the customer owes the supplier.</summary>
    public Money Balance => _ledger.Aggregate(Money.Zero, (sum, entry) => sum + entry.Amount);

    public Money Debt => Money.Max(Balance, Money.Zero);

    public static CustomerAccount Open(AccountNumber number, string holderName, string address, Eic eic, Settlement settlement, DsoCode dsoCode) =>
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

    public void SetKind(CustomerKind kind)
    {
        Kind = kind;
        Version++;
    }

    public void SetSupplyStatus(SupplyStatus status)
    {
        SupplyStatus = status;
        Version++;
    }

    /// <summary>Brings the balance to the stated debt with one adjustment entry (a migration or correction from billing).</summary>
    public void AdjustDebtTo(Money debt, Instant at, string description)
    {
        var difference = debt - Balance;
        if (difference != Money.Zero)
        {
            _ledger.Add(LedgerEntry.Adjustment(Number, difference, at, description));
        }
    }

    public void Charge(Money amount, Instant at, string description)
    {
        if (!amount.IsPositive)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), "A charge is a positive amount.");
        }

        _ledger.Add(LedgerEntry.Charge(Number, amount, at, description));
    }

    public LedgerEntry RecordPayment(Money amount, Instant paidAt, string channel, string reference)
    {
        if (!amount.IsPositive)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), "A payment is a positive amount.");
        }

        var entry = LedgerEntry.Payment(Number, amount, paidAt, channel, reference);
        _ledger.Add(entry);
        return entry;
    }

    /// <summary>
    /// Compares the surname a customer typed with the holder's, ignoring case, surrounding spaces and the
    /// different apostrophes Ukrainian keyboards produce («Дем'янчук», «Демʼянчук», «Дем’янчук»).
    /// </summary>
    public bool HolderSurnameMatches(string surname)
    {
        var holderSurname = HolderName.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
        return string.Equals(NormaliseName(holderSurname), NormaliseName(surname), StringComparison.OrdinalIgnoreCase);
    }

    private static string NormaliseName(string name) =>
        name.Trim().Replace('’', '\'').Replace('ʼ', '\'').Replace('`', '\'').ToUpperInvariant();
}
