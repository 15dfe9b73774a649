using NodaTime;
using Vidnova.Kernel;

namespace Vidnova.RepaymentSchedules;

/// <summary>Why a schedule waits for a supervisor instead of being approved at once.</summary>
public enum ApprovalReason
{
    /// <summary>The debt is above <c>RepaymentSchedules:MaxDebt</c>.</summary>
    DebtAboveMaximum,

    /// <summary>The account broke a schedule within <c>RepaymentSchedules:BrokenLookbackMonths</c>.</summary>
    BrokenRecently,
}

/// <summary>
/// The supplier's approval policy: a schedule for a debt up to <c>MaxDebt</c>, for an account that broke no schedule in
/// the last <c>BrokenLookbackMonths</c> months, is approved at once; any other waits for a supervisor. (The number of
/// months is checked before: more than <c>MaxMonths</c> is not offered at all.)
/// </summary>
public static class ScheduleApproval
{
    /// <param name="lastBrokenOn">The Kyiv date the account last broke a schedule, if ever.</param>
    /// <returns>Empty when the schedule is approved at once.</returns>
    public static IReadOnlyList<ApprovalReason> ReasonsToRefer(Money debt, Money maxDebt, LocalDate today, LocalDate? lastBrokenOn, int brokenLookbackMonths)
    {
        var reasons = new List<ApprovalReason>();
        if (debt > maxDebt)
        {
            reasons.Add(ApprovalReason.DebtAboveMaximum);
        }

        if (lastBrokenOn is { } broken && broken > today.PlusMonths(-brokenLookbackMonths))
        {
            reasons.Add(ApprovalReason.BrokenRecently);
        }

        return reasons;
    }
}
