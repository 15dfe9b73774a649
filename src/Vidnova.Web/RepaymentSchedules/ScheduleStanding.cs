using NodaTime;
using Vidnova.Kernel;

namespace Vidnova.RepaymentSchedules;

/// <summary>A bill issued since the schedule started: it is paid on top of the instalments.</summary>
public sealed record CurrentBill(Money Amount, LocalDate DueOn);

/// <summary>An instalment and how much of it the payments cover.</summary>
public sealed record InstalmentStanding(int Number, LocalDate DueOn, Money Amount, Money Paid)
{
    public bool IsPaid => Paid >= Amount;

    public Money Remaining => Amount - Paid;
}

/// <summary>What a schedule's payments came to on a day.</summary>
public enum ScheduleVerdict
{
    /// <summary>Nothing to change: instalments still to come, none overdue beyond the grace days.</summary>
    OnTrack,

    /// <summary>Every instalment is paid.</summary>
    Completed,

    /// <summary>An instalment is still unpaid after its due date and the grace days.</summary>
    Broken,
}

/// <summary>
/// How the payments since a schedule started are matched to what it asks (docs/repayment-schedules.md). They go first
/// to the current bills — the bills issued since the schedule started — once each is due, then to the instalments in
/// order, each filled before the next; a current bill not yet due claims nothing yet. The match is made afresh from
/// the totals on every evaluation, so an instalment paid early is uncovered again if a current bill falls due unpaid:
/// the instalments are due on top of the bills.
/// </summary>
public sealed record ScheduleStanding(IReadOnlyList<InstalmentStanding> Instalments, Money CurrentBillsDue, Money PaidSinceStart)
{
    public Money Paid => Instalments.Aggregate(Money.Zero, (sum, i) => sum + i.Paid);

    public Money Remaining => Instalments.Aggregate(Money.Zero, (sum, i) => sum + i.Remaining);

    /// <summary>The first instalment not fully paid, if any.</summary>
    public InstalmentStanding? Next => Instalments.FirstOrDefault(i => !i.IsPaid);

    public static ScheduleStanding Of(IReadOnlyList<PlannedInstalment> plan, IReadOnlyList<CurrentBill> bills, Money paidSinceStart, LocalDate today)
    {
        var billsDue = bills.Where(b => b.DueOn <= today).Aggregate(Money.Zero, (sum, b) => sum + b.Amount);
        var left = Money.Max(paidSinceStart - billsDue, Money.Zero);
        var standings = new List<InstalmentStanding>(plan.Count);
        foreach (var instalment in plan)
        {
            var paid = left >= instalment.Amount ? instalment.Amount : left;
            left -= paid;
            standings.Add(new InstalmentStanding(instalment.Number, instalment.DueOn, instalment.Amount, paid));
        }

        return new ScheduleStanding(standings, billsDue, paidSinceStart);
    }

    /// <summary>
    /// Completed once every instalment is paid; broken from the day after an unpaid instalment's due date plus
    /// <paramref name="graceDays"/> (due 3 March with 10 grace days: still payable on 13 March, broken on the 14th).
    /// </summary>
    public ScheduleVerdict Verdict(LocalDate today, int graceDays) =>
        Instalments.All(i => i.IsPaid) ? ScheduleVerdict.Completed
        : Instalments.Any(i => !i.IsPaid && today > i.DueOn.PlusDays(graceDays)) ? ScheduleVerdict.Broken
        : ScheduleVerdict.OnTrack;

    /// <summary>The instalment whose lateness broke the schedule: the first unpaid one past its grace days.</summary>
    public InstalmentStanding? Overdue(LocalDate today, int graceDays) =>
        Instalments.FirstOrDefault(i => !i.IsPaid && today > i.DueOn.PlusDays(graceDays));

    /// <summary>
    /// What must still be paid before restoration on the schedule (issue 14): every current bill, due or not, and the
    /// first instalment, less the payments since the schedule started; zero when they are covered.
    /// </summary>
    public static Money StillToPayForRestoration(IReadOnlyList<PlannedInstalment> plan, IReadOnlyList<CurrentBill> bills, Money paidSinceStart)
    {
        var owed = bills.Aggregate(Money.Zero, (sum, b) => sum + b.Amount) + (plan.Count > 0 ? plan[0].Amount : Money.Zero);
        return Money.Max(owed - paidSinceStart, Money.Zero);
    }
}
