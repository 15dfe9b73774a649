using Microsoft.Extensions.Options;
using Vidnova.Accounts;
using Vidnova.Kernel;
using Vidnova.Ledger;
using Vidnova.Problems;
using Vidnova.RepaymentSchedules;

namespace Vidnova.Restoration;

/// <summary>What must still be paid before applying, and whether it is what a repayment schedule asks rather than the whole debt.</summary>
internal sealed record RestorationDebt(Money StillToPay, bool OnSchedule)
{
    public static RestorationDebt InFull(LedgerBalance balance) => new(balance.Debt, OnSchedule: false);
}

/// <summary>
/// How much of the debt must be paid before a household may apply. The article's condition 1 is "pay the debt in
/// full"; a supplier that restores customers on an active repayment schedule (<c>Restoration:AllowOnActiveSchedule</c>)
/// asks only the schedule's first instalment and the current bills.
/// </summary>
internal interface IRestorationDebtPolicy
{
    Task<RestorationDebt> StillToPayAsync(LedgerBalance balance, CancellationToken cancellationToken);
}

/// <summary>
/// The debt in full, unless the option is on and the account follows an active schedule: then what the schedule says
/// is still to pay of its first instalment and the bills issued since it started (asked through
/// <see cref="IRepaymentScheduleStanding"/>, which keeps the schedule's rules to itself).
/// </summary>
internal sealed class RestorationDebtPolicy(IOptionsMonitor<RestorationOptions> options, IRepaymentScheduleStanding schedules) : IRestorationDebtPolicy
{
    public async Task<RestorationDebt> StillToPayAsync(LedgerBalance balance, CancellationToken cancellationToken) =>
        options.CurrentValue.AllowOnActiveSchedule && balance.Debt.IsPositive
            && await schedules.BeforeRestorationAsync(balance.AccountNumber, cancellationToken) is { } schedule
            ? new RestorationDebt(schedule.StillToPay, OnSchedule: true)
            : RestorationDebt.InFull(balance);
}

internal static class RestorationEligibility
{
    /// <summary>Refuses, with what is missing, an account that may not apply for restoration; says nothing else about it.</summary>
    public static void EnsureEligible(PersonalAccountSummary account, RestorationDebt owed)
    {
        if (account.SupplyStatus != SupplyStatus.DisconnectedForDebt)
        {
            throw new BusinessRuleException("not_disconnected_for_debt",
                "Електропостачання за цим рахунком не припинено за борг, тож заява на відновлення не потрібна. Якщо світла немає, це може бути аварійне чи планове відключення — зверніться до ОСР.");
        }

        var outstanding = owed.StillToPay;
        if (outstanding.IsPositive && owed.OnSchedule)
        {
            throw new BusinessRuleException("debt_outstanding",
                "За графіком погашення залишилось сплатити {0}: це перший внесок графіка й поточний рахунок. Сплатіть їх і подайте заяву знову (платежі можуть зараховуватися до 3 банківських днів).",
                outstanding)
            { Category = RefusalCategory.InvalidInput };
        }

        if (outstanding.IsPositive)
        {
            throw new BusinessRuleException("debt_outstanding",
                "Заборгованість погашено не повністю: залишилось сплатити {0}. Сплатіть залишок і подайте заяву знову (платежі можуть зараховуватися до 3 банківських днів).",
                outstanding)
            { Category = RefusalCategory.InvalidInput };
        }
    }
}
