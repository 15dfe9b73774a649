using NodaTime;
using Vidnova.Kernel;
using Vidnova.Problems;

namespace Vidnova.Ledger;

/// <summary>What an account owes: the balance and, never below zero, the debt.</summary>
public readonly record struct LedgerBalance(AccountNumber AccountNumber, Money Balance)
{
    /// <summary>Positive balance only: an overpayment is credit, not a negative debt.</summary>
    public Money Debt => Money.Max(Balance, Money.Zero);

    public static LedgerBalance Empty(AccountNumber account) => new(account, Money.Zero);
}

/// <summary>
/// The running sum of one account's journal, kept in the same transaction as each entry so a balance is read
/// without the entries. Every entry goes through here and bumps <see cref="Version"/>, the concurrency token: of
/// two units of work posting to one account at once, the second to save fails and runs again on the new sum
/// (<see cref="Persistence.LostRace.RetryOnLostRaceAsync{T}"/>) instead of overwriting it.
/// </summary>
public sealed class AccountBalance
{
    private AccountBalance(AccountNumber accountNumber) => AccountNumber = accountNumber;

    public AccountNumber AccountNumber { get; private set; }

    /// <summary>Charges minus payments; positive means the customer owes the supplier.</summary>
    public Money Balance { get; private set; }

    /// <summary>The sum of the opening-balance entries: the debt brought over from the previous billing system.</summary>
    public Money OpeningBalance { get; private set; }

    /// <summary>Whether anything other than the opening balance was posted; from then on the opening balance is history.</summary>
    public bool HasMovements { get; private set; }

    public uint Version { get; private set; }

    public Money Debt => Money.Max(Balance, Money.Zero);

    public LedgerBalance Snapshot => new(AccountNumber, Balance);

    public static AccountBalance Open(AccountNumber accountNumber) => new(accountNumber);

    public LedgerEntry Charge(Money amount, Instant at, string description)
    {
        if (!amount.IsPositive)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), "A charge is a positive amount.");
        }

        return Post(LedgerEntry.Charge(AccountNumber, amount, at, description));
    }

    /// <summary>
    /// A bill's charge. Unlike <see cref="Charge"/> it may be negative: a bill whose correction of earlier estimates
    /// outweighs its energy credits the account (issue 12: the customer pays for exactly what the meter shows).
    /// </summary>
    public LedgerEntry ChargeBill(Guid entryId, Money amount, Instant at, string description, Guid bill)
    {
        if (amount == Money.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), "A bill that charges nothing posts nothing.");
        }

        return Post(LedgerEntry.BillCharge(entryId, AccountNumber, amount, at, description, bill));
    }

    public LedgerEntry Payment(Money amount, Instant paidAt, string channel, string reference)
    {
        if (!amount.IsPositive)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), "A payment is a positive amount.");
        }

        return Post(LedgerEntry.Payment(AccountNumber, amount, paidAt, channel, reference));
    }

    /// <summary>A payment taken back by its channel: the amount is owed again.</summary>
    public LedgerEntry Reversal(Money amount, Instant at, string channel, string reference)
    {
        if (!amount.IsPositive)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), "A reversal is a positive amount.");
        }

        return Post(LedgerEntry.Reversal(AccountNumber, amount, at, channel, reference));
    }

    /// <summary>
    /// Imports the debt from the previous billing system. Until anything else is posted it may be sent again and
    /// replaces the figure (by an entry for the difference: the journal stays append-only). Once charges or payments
    /// exist, a different figure would overwrite them, so it is refused; sending the current debt changes nothing,
    /// so an integration that repeats the whole account does not fail.
    /// </summary>
    /// <returns>The entry for the difference, or null when the opening balance is already that figure.</returns>
    public LedgerEntry? SetOpeningBalance(Money debt, Instant at)
    {
        if (debt < Money.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(debt), "An opening balance is a debt, never negative.");
        }

        if (HasMovements)
        {
            if (debt == Debt)
            {
                return null;
            }

            throw new BusinessRuleException("opening_balance_locked",
                "Початкове сальдо рахунку {0} уже не можна змінити: після нього є нарахування чи оплати. Не надсилайте debt для цього рахунку — борг змінюють лише нарахування та платежі (POST /api/v1/payments).",
                AccountNumber.Value);
        }

        var difference = debt - OpeningBalance;
        if (difference == Money.Zero)
        {
            return null;
        }

        OpeningBalance = debt;
        Balance += difference;
        Version++;
        return LedgerEntry.OpeningBalance(AccountNumber, difference, at, "Початкове сальдо з білінгу");
    }

    private LedgerEntry Post(LedgerEntry entry)
    {
        Balance += entry.Amount;
        HasMovements = true;
        Version++;
        return entry;
    }
}
