using NodaTime;
using Vidnova.Kernel;

namespace Vidnova.Ledger;

/// <summary>A payment as the journal booked it; <see cref="Amount"/> is what was paid, a positive amount.</summary>
public sealed record BookedPayment(Guid Id, AccountNumber AccountNumber, Money Amount, Instant PaidAt, string Channel, string Reference);

/// <summary>A payment just booked and the account's balance with it.</summary>
public sealed record PaymentPosting(BookedPayment Payment, LedgerBalance BalanceAfter);

/// <summary>One line of an account's statement: an entry and the balance after it.</summary>
public sealed record StatementLine(Instant OccurredAt, LedgerEntryKind Kind, string Description, Money Amount, Money RunningBalance);

/// <summary>
/// An account's journal over a period: the balance before it (every earlier entry summed), its entries each with the
/// balance after it, and the balance at its end.
/// </summary>
public sealed record LedgerStatement(Money OpeningBalance, IReadOnlyList<StatementLine> Lines)
{
    public Money ClosingBalance => Lines.Count == 0 ? OpeningBalance : Lines[^1].RunningBalance;
}

/// <summary>A bill's charge to post in bulk: <see cref="EntryId"/> is the bill's ledger entry, <see cref="Bill"/> its reference.</summary>
public sealed record BillCharge(Guid EntryId, AccountNumber AccountNumber, Money Amount, Instant At, string Description, Guid Bill);

/// <summary>
/// The journal of charges and payments, published for the capabilities that post to it or ask what is owed; its
/// entries stay the ledger's own, the others see records. Posting stages the entry and the new balance in the
/// caller's unit of work: they are saved by the caller's <c>SaveChangesAsync</c>, together and with whatever else it
/// changed. A post can lose a race with another on the same account (the balance's version moved); run the unit of
/// work under <c>RetryOnLostRaceAsync</c>.
/// </summary>
public interface ILedger
{
    /// <returns>The account's balance after the charge.</returns>
    Task<LedgerBalance> ChargeAsync(AccountNumber account, Money amount, Instant at, string description, CancellationToken cancellationToken);

    Task<PaymentPosting> RecordPaymentAsync(AccountNumber account, Money amount, Instant paidAt, string channel, string reference, CancellationToken cancellationToken);

    /// <summary>
    /// Takes back a payment its channel reversed (a card payment refunded or charged back): the account owes the amount
    /// again. <paramref name="reference"/> is the reversal's own, unique per channel like a payment's.
    /// </summary>
    /// <returns>The account's balance after the reversal.</returns>
    Task<LedgerBalance> RecordReversalAsync(AccountNumber account, Money amount, Instant at, string channel, string reference, CancellationToken cancellationToken);

    /// <summary>Imports the debt from the previous billing system; refused (opening_balance_locked) once other entries exist.</summary>
    Task<LedgerBalance> SetOpeningBalanceAsync(AccountNumber account, Money debt, Instant at, CancellationToken cancellationToken);

    /// <summary>The payment a channel reported under a reference, if it was booked.</summary>
    Task<BookedPayment?> FindPaymentAsync(string channel, string reference, CancellationToken cancellationToken);

    Task<LedgerBalance> BalanceOfAsync(AccountNumber account, CancellationToken cancellationToken);

    /// <summary>
    /// The entries from <paramref name="from"/> (inclusive) until <paramref name="until"/> (exclusive), either open,
    /// in the order they occurred, with the running balance; the opening figure sums everything before the period.
    /// </summary>
    Task<LedgerStatement> StatementAsync(AccountNumber account, Instant? from, Instant? until, CancellationToken cancellationToken);

    /// <summary>
    /// Posts many bills' charges at once, unlike the other posts not staged but written now, in the caller's open
    /// transaction (which it requires): on PostgreSQL a binary COPY of the entries and one set-based update of the
    /// balances, on SQLite batched inserts. A balance row another unit of work is posting to meanwhile has its
    /// version moved, so that one retries. One charge per bill: a second for the same bill violates a unique index.
    /// </summary>
    Task ChargeManyAsync(IReadOnlyList<BillCharge> charges, CancellationToken cancellationToken);

    /// <summary>The payments less reversals posted to each account from <paramref name="since"/> on, in one query; zero for none.</summary>
    Task<IReadOnlyDictionary<AccountNumber, Money>> PaymentsSinceAsync(IReadOnlyCollection<AccountNumber> accounts, Instant since, CancellationToken cancellationToken);

    /// <summary>Balances of many accounts in one query; an account with no entries owes nothing.</summary>
    Task<IReadOnlyDictionary<AccountNumber, LedgerBalance>> BalancesOfAsync(IReadOnlyCollection<AccountNumber> accounts, CancellationToken cancellationToken);

    /// <summary>
    /// The next <paramref name="take"/> accounts after <paramref name="after"/> (in account order) that owe at least
    /// <paramref name="minimum"/>, and the account number to continue after (null at the end): a walk over every
    /// balance, a page per query.
    /// </summary>
    Task<(IReadOnlyList<LedgerBalance> Owing, AccountNumber? ContinueAfter)> OwingAtLeastAsync(Money minimum, AccountNumber? after, int take,
        CancellationToken cancellationToken);

    /// <summary>
    /// The charges other than bills (the opening balance imported from the previous system, a one-off charge) posted to
    /// each account from <paramref name="since"/> on, in one query: those are due on the day they are posted.
    /// </summary>
    Task<IReadOnlyDictionary<AccountNumber, Money>> ChargesOtherThanBillsSinceAsync(IReadOnlyCollection<AccountNumber> accounts, Instant since,
        CancellationToken cancellationToken);
}
