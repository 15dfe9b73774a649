using Vidnova.Accounts;
using Vidnova.Kernel;
using Vidnova.Ledger;
using Vidnova.Problems;

namespace Vidnova.Restoration;

/// <summary>
/// How much of the debt must be paid before a household may apply. The article's condition 1 is "pay the debt in
/// full"; a supplier that restores customers on an active repayment schedule plugs in a policy that asks less.
/// </summary>
internal interface IRestorationDebtPolicy
{
    Money AmountStillToPay(LedgerBalance balance);
}

internal sealed class FullDebtPaymentPolicy : IRestorationDebtPolicy
{
    public Money AmountStillToPay(LedgerBalance balance) => balance.Debt;
}

internal static class RestorationEligibility
{
    /// <summary>Refuses, with what is missing, an account that may not apply for restoration; says nothing else about it.</summary>
    public static void EnsureEligible(PersonalAccountSummary account, LedgerBalance balance, IRestorationDebtPolicy policy)
    {
        if (account.SupplyStatus != SupplyStatus.DisconnectedForDebt)
        {
            throw new BusinessRuleException("not_disconnected_for_debt",
                "Електропостачання за цим рахунком не припинено за борг, тож заява на відновлення не потрібна. Якщо світла немає, це може бути аварійне чи планове відключення — зверніться до ОСР.");
        }

        var outstanding = policy.AmountStillToPay(balance);
        if (outstanding.IsPositive)
        {
            throw new BusinessRuleException("debt_outstanding",
                "Заборгованість погашено не повністю: залишилось сплатити {0}. Сплатіть залишок і подайте заяву знову (платежі можуть зараховуватися до 3 банківських днів).",
                outstanding)
            { Category = RefusalCategory.InvalidInput };
        }
    }
}
