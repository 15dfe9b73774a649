using NodaTime;
using Vidnova.Kernel;

namespace Vidnova.Ledger;

public enum LedgerEntryKind
{
    Charge,
    Payment,

    /// <summary>
    /// A correction to a figure set from outside, written before the opening-balance import existed; kept so the
    /// journal reads as it was written.
    /// </summary>
    Adjustment,

    /// <summary>The debt brought over from the previous billing system; the sum of these is the opening balance.</summary>
    OpeningBalance,

    /// <summary>A payment the channel took back (a card payment reversed by the bank): the debt it cleared returns.</summary>
    Reversal,
}

/// <summary>
/// One line of an account's journal, never changed once written. <see cref="Amount"/> is signed: charges raise the
/// balance, payments lower it. Written only through <see cref="AccountBalance"/>, which keeps the sum.
/// </summary>
public sealed class LedgerEntry
{
    private LedgerEntry(Guid id, AccountNumber accountNumber, LedgerEntryKind kind, Money amount, Instant occurredAt, string description)
    {
        Id = id;
        AccountNumber = accountNumber;
        Kind = kind;
        Amount = amount;
        OccurredAt = occurredAt;
        Description = description;
    }

    public Guid Id { get; private set; }

    public AccountNumber AccountNumber { get; private set; }

    public LedgerEntryKind Kind { get; private set; }

    public Money Amount { get; private set; }

    public Instant OccurredAt { get; private set; }

    public string Description { get; private set; }

    /// <summary>For payments and reversals: the channel (bank, checkout, post) that reported it.</summary>
    public string? Channel { get; private set; }

    /// <summary>For payments and reversals: the channel's own reference; (channel, reference) is unique.</summary>
    public string? Reference { get; private set; }

    internal static LedgerEntry Charge(AccountNumber account, Money amount, Instant at, string description) =>
        new(Guid.NewGuid(), account, LedgerEntryKind.Charge, amount, at, description);

    /// <summary>A bill's charge: the bill is its reference, so (channel, reference) keeps it to one entry per bill.</summary>
    internal static LedgerEntry BillCharge(Guid id, AccountNumber account, Money amount, Instant at, string description, Guid bill) =>
        new(id, account, LedgerEntryKind.Charge, amount, at, description)
        {
            Channel = BillChannel,
            Reference = bill.ToString(),
        };

    /// <summary>The channel of bills' charges.</summary>
    internal const string BillChannel = "bill";

    internal static LedgerEntry OpeningBalance(AccountNumber account, Money amount, Instant at, string description) =>
        new(Guid.NewGuid(), account, LedgerEntryKind.OpeningBalance, amount, at, description);

    internal static LedgerEntry Reversal(AccountNumber account, Money amount, Instant at, string channel, string reference) =>
        new(Guid.NewGuid(), account, LedgerEntryKind.Reversal, amount, at, $"Повернення оплати ({channel})")
        {
            Channel = channel,
            Reference = reference,
        };

    internal static LedgerEntry Payment(AccountNumber account, Money amount, Instant at, string channel, string reference) =>
        new(Guid.NewGuid(), account, LedgerEntryKind.Payment, -amount, at, $"Оплата ({channel})")
        {
            Channel = channel,
            Reference = reference,
        };
}
