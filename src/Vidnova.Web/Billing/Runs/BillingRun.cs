using NodaTime;
using Vidnova.Kernel;

namespace Vidnova.Billing.Runs;

public enum BillingRunStatus
{
    Queued,
    Running,
    Completed,
    Failed,
}

/// <summary>
/// One billing run of a period. Queued when asked for; an instance plans it into <see cref="BillingRunBatch"/>es
/// (ranges of accounts) and marks it running; instances claim the batches with a lease; the one that finishes the
/// last batch completes the run. The counters are added to by each batch in the transaction that writes its bills.
/// </summary>
public sealed class BillingRun
{
    private BillingRun()
    {
    }

    public Guid Id { get; private set; }

    public BillingPeriod Period { get; private set; }

    public BillingRunStatus Status { get; private set; }

    public int Accounts { get; private set; }

    /// <summary>Every bill made, estimated ones included.</summary>
    public int Billed { get; private set; }

    public int Estimated { get; private set; }

    /// <summary>Accounts already billed for the period (a rerun) or with no meter.</summary>
    public int Skipped { get; private set; }

    public int Failed { get; private set; }

    public Instant CreatedAt { get; private set; }

    public Instant? StartedAt { get; private set; }

    public Instant? FinishedAt { get; private set; }

    public string RequestedBy { get; private set; } = "";

    public static BillingRun Queue(BillingPeriod period, Instant at, string by) =>
        new() { Id = Guid.NewGuid(), Period = period, Status = BillingRunStatus.Queued, CreatedAt = at, RequestedBy = by };
}

/// <summary>
/// A range of accounts of a run, billed in one transaction by whichever instance holds its lease
/// (<see cref="Persistence.LeaseClaims"/>): a crashed instance's batch lapses and is claimed again.
/// </summary>
public sealed class BillingRunBatch
{
    private BillingRunBatch()
    {
    }

    public Guid Id { get; private set; }

    public Guid RunId { get; private set; }

    /// <summary>The first and last account number of the range, inclusive, in the database's order.</summary>
    public AccountNumber FromAccount { get; private set; }

    public AccountNumber ToAccount { get; private set; }

    public int Accounts { get; private set; }

    /// <summary>Orders the claims: batches are taken in account order.</summary>
    public Instant CreatedAt { get; private set; }

    public Instant NextAttemptAt { get; private set; }

    public string? ClaimedBy { get; private set; }

    public Instant? ClaimedUntil { get; private set; }

    public int Attempts { get; private set; }

    public Instant? CompletedAt { get; private set; }

    /// <summary>Set when the batch failed Billing:MaxAttempts times; its accounts count as failed.</summary>
    public Instant? FailedAt { get; private set; }

    public string? LastError { get; private set; }

    /// <summary>
    /// An attempt that failed as a whole (the database, not one account): the claim is given back and the batch is
    /// tried again after <paramref name="retryAfter"/> times the attempts so far, or, after <paramref name="maxAttempts"/>, failed.
    /// </summary>
    /// <returns>True when the batch is now failed for good.</returns>
    public bool FailAttempt(string error, Instant at, Duration retryAfter, int maxAttempts)
    {
        if (CompletedAt is not null || FailedAt is not null)
        {
            throw new InvalidOperationException($"Batch {Id} is already finished.");
        }

        Attempts++;
        LastError = error.Length > 500 ? error[..500] : error;
        ClaimedBy = null;
        ClaimedUntil = null;
        NextAttemptAt = at + (retryAfter * Attempts);
        if (Attempts >= maxAttempts)
        {
            FailedAt = at;
        }

        return FailedAt is not null;
    }

    public static BillingRunBatch Plan(Guid runId, AccountNumber from, AccountNumber to, int accounts, Instant createdAt) =>
        new() { Id = Guid.NewGuid(), RunId = runId, FromAccount = from, ToAccount = to, Accounts = accounts, CreatedAt = createdAt, NextAttemptAt = createdAt };
}

/// <summary>An account a run could not bill, and why, for staff; a rerun of the period tries it again.</summary>
public sealed class BillingRunFailure
{
    private BillingRunFailure()
    {
    }

    public Guid Id { get; private set; }

    public Guid RunId { get; private set; }

    public AccountNumber AccountNumber { get; private set; }

    public string Code { get; private set; } = "";

    public string Message { get; private set; } = "";

    public Instant At { get; private set; }

    public static BillingRunFailure Of(Guid runId, AccountNumber account, string code, string message, Instant at) =>
        new() { Id = Guid.NewGuid(), RunId = runId, AccountNumber = account, Code = code, Message = message.Length > 500 ? message[..500] : message, At = at };
}
