using NodaTime;
using Vidnova.Kernel;
using Vidnova.Problems;
using Vidnova.RepaymentSchedules;

namespace Vidnova.Tests.RepaymentSchedules;

/// <summary>The schedule's rules without I/O: splitting, matching payments, breaking, approval and the transitions.</summary>
public sealed class RepaymentScheduleRulesTests
{
    private static readonly AccountNumber Account = AccountNumber.Parse("7700000001");
    private static readonly Instant Now = Instant.FromUtc(2026, 12, 3, 10, 0);

    private static Money Uah(decimal amount) => Money.Uah(amount);

    [Fact]
    public void Split_GivesEqualPartsToTheKopiyka_TheLastTakingTheRemainder()
    {
        var plan = InstalmentPlan.Split(Uah(1000.00m), 3, new LocalDate(2026, 12, 3));

        Assert.Equal([Uah(333.33m), Uah(333.33m), Uah(333.34m)], plan.Select(i => i.Amount));
        Assert.Equal(Uah(1000m), plan.Aggregate(Money.Zero, (sum, i) => sum + i.Amount));
        Assert.Equal([new LocalDate(2027, 1, 3), new LocalDate(2027, 2, 3), new LocalDate(2027, 3, 3)], plan.Select(i => i.DueOn));
        Assert.Equal([1, 2, 3], plan.Select(i => i.Number));
    }

    [Fact]
    public void Split_OnThe31st_FallsOnTheLastDayOfShorterMonths_AndBackOnThe31st()
    {
        var plan = InstalmentPlan.Split(Uah(400m), 4, new LocalDate(2026, 12, 31));

        Assert.Equal([new LocalDate(2027, 1, 31), new LocalDate(2027, 2, 28), new LocalDate(2027, 3, 31), new LocalDate(2027, 4, 30)],
            plan.Select(i => i.DueOn));
    }

    [Theory]
    [InlineData(1, 12, false)]
    [InlineData(2, 12, true)]
    [InlineData(12, 12, true)]
    [InlineData(13, 12, false)]
    public void Months_AreOfferedFromTwoToTheMaximum(int months, int max, bool offered) =>
        Assert.Equal(offered, InstalmentPlan.IsOffered(months, max));

    [Fact]
    public void ADebtOfFewerKopiykyThanMonths_CannotBeSplit()
    {
        Assert.False(InstalmentPlan.CanSplit(Uah(0.05m), 6));
        Assert.True(InstalmentPlan.CanSplit(Uah(0.06m), 6));
        Assert.Throws<ArgumentOutOfRangeException>(() => InstalmentPlan.Split(Uah(0.05m), 6, new LocalDate(2026, 12, 3)));
    }

    private static readonly IReadOnlyList<PlannedInstalment> Plan = InstalmentPlan.Split(Uah(3000m), 3, new LocalDate(2026, 12, 3));

    [Fact]
    public void Payments_GoFirstToACurrentBillThatIsDue_ThenToTheInstalmentsInOrder()
    {
        var bills = new[] { new CurrentBill(Uah(500m), new LocalDate(2026, 12, 20)) };

        var standing = ScheduleStanding.Of(Plan, bills, Uah(1700m), today: new LocalDate(2027, 1, 5));

        Assert.Equal(Uah(500m), standing.CurrentBillsDue);
        Assert.Equal([Uah(1000m), Uah(200m), Money.Zero], standing.Instalments.Select(i => i.Paid));
        Assert.Equal(2, standing.Next!.Number);
        Assert.Equal(Uah(800m), standing.Next.Remaining);
        Assert.Equal(Uah(1200m), standing.Paid);
        Assert.Equal(Uah(1800m), standing.Remaining);
    }

    [Fact]
    public void ABillNotYetDue_ClaimsNothingYet_SoAnEarlyPaymentCoversTheInstalment_UntilTheBillFallsDue()
    {
        var bills = new[] { new CurrentBill(Uah(500m), new LocalDate(2027, 1, 20)) };

        Assert.True(ScheduleStanding.Of(Plan, bills, Uah(1000m), today: new LocalDate(2027, 1, 10)).Instalments[0].IsPaid);
        Assert.Equal(Uah(500m), ScheduleStanding.Of(Plan, bills, Uah(1000m), today: new LocalDate(2027, 1, 20)).Instalments[0].Paid);
    }

    [Fact]
    public void AnInstalmentUnpaidPastTheGraceDays_BreaksTheSchedule_NotBefore()
    {
        var standing = ScheduleStanding.Of(Plan, [], Uah(999.99m), today: new LocalDate(2027, 1, 13));

        // Due 3 January, 10 grace days: still payable on the 13th, broken on the 14th.
        Assert.Equal(ScheduleVerdict.OnTrack, standing.Verdict(new LocalDate(2027, 1, 13), graceDays: 10));
        Assert.Equal(ScheduleVerdict.Broken, standing.Verdict(new LocalDate(2027, 1, 14), graceDays: 10));
        Assert.Equal(1, standing.Overdue(new LocalDate(2027, 1, 14), graceDays: 10)!.Number);
    }

    [Fact]
    public void EveryInstalmentPaid_CompletesTheSchedule_EvenEarly()
    {
        var standing = ScheduleStanding.Of(Plan, [new CurrentBill(Uah(400m), new LocalDate(2026, 12, 20))], Uah(3400m), today: new LocalDate(2026, 12, 21));

        Assert.Equal(ScheduleVerdict.Completed, standing.Verdict(new LocalDate(2026, 12, 21), graceDays: 10));
        Assert.Null(standing.Next);
    }

    [Fact]
    public void BeforeRestoration_TheFirstInstalmentAndEveryCurrentBill_DueOrNot_AreStillToPay()
    {
        var bills = new[] { new CurrentBill(Uah(450.50m), new LocalDate(2027, 1, 20)) };

        Assert.Equal(Uah(1450.50m), ScheduleStanding.StillToPayForRestoration(Plan, bills, Money.Zero));
        Assert.Equal(Uah(0.50m), ScheduleStanding.StillToPayForRestoration(Plan, bills, Uah(1450m)));
        Assert.Equal(Money.Zero, ScheduleStanding.StillToPayForRestoration(Plan, bills, Uah(2000m)));
    }

    [Fact]
    public void Approval_WithinThePolicy_IsAtOnce_OtherwiseReferredWithTheReasons()
    {
        var today = new LocalDate(2026, 12, 3);

        Assert.Empty(ScheduleApproval.ReasonsToRefer(Uah(20000m), Uah(20000m), today, lastBrokenOn: null, brokenLookbackMonths: 12));
        Assert.Equal([ApprovalReason.DebtAboveMaximum], ScheduleApproval.ReasonsToRefer(Uah(20000.01m), Uah(20000m), today, null, 12));
        Assert.Equal([ApprovalReason.BrokenRecently], ScheduleApproval.ReasonsToRefer(Uah(100m), Uah(20000m), today, new LocalDate(2026, 1, 4), 12));
        Assert.Empty(ScheduleApproval.ReasonsToRefer(Uah(100m), Uah(20000m), today, new LocalDate(2025, 12, 3), 12));
    }

    [Fact]
    public void ASchedule_RecordsTheAcceptedTerms_AndMovesOnlyAlongItsTransitions()
    {
        var active = RepaymentSchedule.Request(Guid.NewGuid(), Account, Uah(3000m), new LocalDate(2026, 12, 3), Plan, Guid.NewGuid(), true, [], Now);

        Assert.Equal((RepaymentScheduleStatus.Active, RepaymentSchedule.PolicyActor, Now, (AccountNumber?)Account),
            (active.Status, active.DecidedBy, active.TermsAcceptedAt, active.OpenFor));
        Assert.Equal("schedule_state_conflict", Assert.Throws<BusinessRuleException>(() => active.Approve("staff:olena", Now)).Code);
        active.Break(2, Now);
        Assert.Equal((RepaymentScheduleStatus.Broken, 2, (AccountNumber?)null), (active.Status, active.BrokenInstalment, active.OpenFor));
        Assert.Throws<BusinessRuleException>(() => active.Complete(Now));

        var pending = RepaymentSchedule.Request(Guid.NewGuid(), Account, Uah(3000m), new LocalDate(2026, 12, 3), Plan, Guid.NewGuid(), true,
            [ApprovalReason.BrokenRecently], Now);
        Assert.Equal(RepaymentScheduleStatus.PendingApproval, pending.Status);
        Assert.Equal([ApprovalReason.BrokenRecently], pending.Referrals);
        Assert.Throws<BusinessRuleException>(() => pending.Complete(Now));
        Assert.Equal("reason_required", Assert.Throws<BusinessRuleException>(() => pending.Decline("staff:olena", " ", Now)).Code);
        pending.Decline("staff:olena", "Дохід не підтверджено", Now);
        Assert.Equal((RepaymentScheduleStatus.Declined, "staff:olena", "Дохід не підтверджено"), (pending.Status, pending.DecidedBy, pending.DeclineReason));
    }

    [Fact]
    public void WithoutAcceptedTerms_NoScheduleIsConcluded()
    {
        var refusal = Assert.Throws<BusinessRuleException>(() =>
            RepaymentSchedule.Request(Guid.NewGuid(), Account, Uah(3000m), new LocalDate(2026, 12, 3), Plan, Guid.NewGuid(), false, [], Now));

        Assert.Equal(("terms_not_accepted", RefusalCategory.MalformedRequest), (refusal.Code, refusal.Category));
    }
}
