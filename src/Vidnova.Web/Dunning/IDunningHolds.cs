using NodaTime;
using Vidnova.Kernel;

namespace Vidnova.Dunning;

/// <summary>Why dunning leaves an account alone while a hold stands.</summary>
public enum DunningHoldReason
{
    /// <summary>A repayment schedule is waiting for approval or being followed (графік погашення заборгованості).</summary>
    RepaymentSchedule,

    /// <summary>
    /// A court opened proceedings over the debt (PRRE 7.11 as amended by NEURC No. 1673 of 21.10.2025): a household is
    /// not disconnected while the dispute lasts.
    /// </summary>
    CourtDispute,
}

/// <summary>
/// What other capabilities tell dunning about an account: while a hold stands no case is opened for it and an open case
/// is closed at the next pass (its warnings are void); once the hold is released the account is judged afresh, so an
/// unpaid debt starts a new case with a new first warning. Both calls stage their change in the caller's unit of work.
/// </summary>
public interface IDunningHolds
{
    /// <summary>Places a hold named by <paramref name="reference"/> (e.g. the schedule's id); placing the same reference again changes nothing.</summary>
    Task HoldAsync(AccountNumber account, DunningHoldReason reason, Guid reference, Instant at, CancellationToken cancellationToken);

    /// <summary>Releases the hold named by <paramref name="reference"/>; nothing happens when there is none or it was released.</summary>
    Task ReleaseAsync(Guid reference, Instant at, CancellationToken cancellationToken);
}
