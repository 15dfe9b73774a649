using NodaTime;
using Vidnova.Accounts;
using Vidnova.Kernel;

namespace Vidnova.Dunning;

/// <summary>What dunning knows of an account at one moment: who it is, what it owes past due and what protects it.</summary>
internal sealed record DunningFacts(PersonalAccountSummary Account, Money Overdue, DunningHoldReason? Hold, DunningMoratorium? Moratorium);

/// <summary>What a pass does next with an open case.</summary>
internal enum DunningStep
{
    None,
    CloseAsPaid,
    CloseForHold,
    CloseForMoratorium,
    CloseNotDunned,
    WarnSecondTime,
    OrderDisconnection,
}

/// <summary>The decision on an open case, from its state and the account's facts: plain logic, unit-tested.</summary>
internal static class DunningDecisions
{
    public static DunningStep NextStep(DunningCase dunningCase, DunningFacts facts, Instant now, bool dailyWorkDue, DunningOptions options)
    {
        var paid = facts.Overdue < options.MinimumDebtAmount;
        if (dunningCase.State == DunningState.Disconnected)
        {
            // The point stays off until the customer applies for restoration; the case has done its work once the debt is paid.
            return paid ? DunningStep.CloseAsPaid : DunningStep.None;
        }

        if (paid)
        {
            return DunningStep.CloseAsPaid;
        }

        if (facts.Hold is not null)
        {
            return DunningStep.CloseForHold;
        }

        if (facts.Moratorium is not null)
        {
            return DunningStep.CloseForMoratorium;
        }

        if (!options.Covers(facts.Account.Kind))
        {
            return DunningStep.CloseNotDunned;
        }

        var today = Calendar.KyivTime.DateOf(now);
        return dunningCase.State switch
        {
            DunningState.Warned when dailyWorkDue && today >= dunningCase.SecondWarningOn => DunningStep.WarnSecondTime,
            DunningState.Scheduled when dunningCase.IsDisconnectionDue(now) => DunningStep.OrderDisconnection,
            _ => DunningStep.None,
        };
    }

    /// <summary>Whether a case should be opened for an account with no open case.</summary>
    public static bool ShouldOpen(DunningFacts facts, DunningOptions options) =>
        facts.Overdue >= options.MinimumDebtAmount && facts.Hold is null && facts.Moratorium is null && options.Covers(facts.Account.Kind)
        && facts.Account.SupplyStatus == SupplyStatus.Connected;
}
