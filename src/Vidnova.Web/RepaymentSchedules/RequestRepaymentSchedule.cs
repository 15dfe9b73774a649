using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Vidnova.Calendar;
using Vidnova.Dunning;
using Vidnova.Kernel;
using Vidnova.Ledger;
using Vidnova.Persistence;
using Vidnova.Problems;

namespace Vidnova.RepaymentSchedules;

/// <summary>What the customer is offered: today's debt split into <see cref="Months"/> instalments.</summary>
internal sealed record ScheduleOffer(AccountNumber AccountNumber, Money Debt, int Months, int MaxMonths, IReadOnlyList<PlannedInstalment> Instalments);

/// <summary>
/// Offers a schedule for an account's current debt and concludes it when the customer accepts the terms: approved at
/// once within the policy (<see cref="ScheduleApproval"/>), otherwise waiting for a supervisor. Either way dunning is
/// told to leave the account alone (<see cref="IDunningHolds"/>) in the same unit of work.
/// </summary>
internal sealed class RequestRepaymentSchedule(
    VidnovaDbContext db, ILedger ledger, IDunningHolds holds, IOptionsMonitor<RepaymentScheduleOptions> options, IClock clock)
{
    /// <summary>The number of months offered when the customer has not chosen yet.</summary>
    public const int DefaultMonths = 6;

    public async Task<ScheduleOffer> OfferAsync(AccountNumber account, int? months, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var count = months ?? Math.Min(DefaultMonths, settings.MaxMonths);
        if (!InstalmentPlan.IsOffered(count, settings.MaxMonths))
        {
            throw new BusinessRuleException("months_out_of_range", "Графік погашення можна укласти на строк від {0} до {1} місяців.",
                InstalmentPlan.MinMonths, settings.MaxMonths)
            { Category = RefusalCategory.MalformedRequest };
        }

        var debt = (await ledger.BalanceOfAsync(account, cancellationToken)).Debt;
        if (!debt.IsPositive)
        {
            throw new BusinessRuleException("no_debt", "За особовим рахунком {0} немає заборгованості — графік погашення не потрібен.", account.Value);
        }

        if (!InstalmentPlan.CanSplit(debt, count))
        {
            throw new BusinessRuleException("debt_too_small", "Борг {0} замалий, щоб поділити його на {1} внесків. Сплатіть його одним платежем.", debt, count);
        }

        var today = KyivTime.DateOf(clock.GetCurrentInstant());
        return new ScheduleOffer(account, debt, count, settings.MaxMonths, InstalmentPlan.Split(debt, count, today));
    }

    public async Task<RepaymentSchedule> RequestAsync(AccountNumber account, Guid loginId, int? months, bool? acceptTerms, CancellationToken cancellationToken)
    {
        if (months is null)
        {
            var errors = new InputErrors();
            errors.Add("months", "Вкажіть, на скільки місяців укласти графік (months).");
            errors.ThrowIfAny();
        }

        var offer = await OfferAsync(account, months, cancellationToken);
        if (acceptTerms != true)
        {
            throw RepaymentSchedule.TermsNotAccepted();
        }

        if (await db.Set<RepaymentSchedule>().AsNoTracking().AnyAsync(s => s.OpenFor == account, cancellationToken))
        {
            throw AlreadyOpen();
        }

        var settings = options.CurrentValue;
        var now = clock.GetCurrentInstant();
        var today = KyivTime.DateOf(now);
        var brokenAt = await db.Set<RepaymentSchedule>().AsNoTracking()
            .Where(s => s.AccountNumber == account && s.BrokenAt != null)
            .Select(s => s.BrokenAt).ToListAsync(cancellationToken);
        var lastBrokenOn = brokenAt.Count == 0 ? (LocalDate?)null : KyivTime.DateOf(brokenAt.Max()!.Value);
        var referrals = ScheduleApproval.ReasonsToRefer(offer.Debt, Money.Uah(settings.MaxDebt), today, lastBrokenOn, settings.BrokenLookbackMonths);

        var schedule = RepaymentSchedule.Request(Guid.NewGuid(), account, offer.Debt, today, offer.Instalments, loginId, termsAccepted: true, referrals, now);
        db.Add(schedule);
        await holds.HoldAsync(account, DunningHoldReason.RepaymentSchedule, schedule.Id, now, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (exception.IsLostRace())
        {
            // Another request concluded one for the account a moment earlier (the open-schedule index).
            throw AlreadyOpen();
        }

        return schedule;
    }

    private static BusinessRuleException AlreadyOpen() =>
        new("schedule_exists", "За цим особовим рахунком уже є графік погашення, що діє або очікує погодження. Новий можна укласти, коли він завершиться.");
}
