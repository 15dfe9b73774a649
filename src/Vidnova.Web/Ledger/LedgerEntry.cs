using NodaTime;
using Vidnova.Kernel;

namespace Vidnova.Ledger;

public enum LedgerEntryKind
{
    Charge,
    Payment,
    Adjustment,
}

/// <summary>One line of an account's ledger. <see cref="Amount"/> is signed: charges raise the balance, payments lower it.</summary>
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

    /// <summary>For payments: the channel (bank, checkout, post) that reported it.</summary>
    public string? Channel { get; private set; }

    /// <summary>For payments: the channel's own reference; (channel, reference) is unique.</summary>
    public string? Reference { get; private set; }

    public static LedgerEntry Charge(AccountNumber account, Money amount, Instant at, string description) =>
        new(Guid.NewGuid(), account, LedgerEntryKind.Charge, amount, at, description);

    public static LedgerEntry Adjustment(AccountNumber account, Money amount, Instant at, string description) =>
        new(Guid.NewGuid(), account, LedgerEntryKind.Adjustment, amount, at, description);

    public static LedgerEntry Payment(AccountNumber account, Money amount, Instant at, string channel, string reference) =>
        new(Guid.NewGuid(), account, LedgerEntryKind.Payment, -amount, at, $"Оплата ({channel})")
        {
            Channel = channel,
            Reference = reference,
        };
}
