using NodaTime;
using Vidnova.Accounts;
using Vidnova.Calendar;
using Vidnova.Kernel;
using Vidnova.Ledger;
using Vidnova.Problems;
using Vidnova.Restoration;

namespace Vidnova.Tests.Restoration;

public sealed class EligibilityAndDeadlineTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 25, 8, 0);

    private static readonly WorkingDayCalendar MartialLaw = new(
        UkrainianPublicHolidays.For(2026).Concat(UkrainianPublicHolidays.For(2027)), [], [new MartialLawPeriod(new LocalDate(2022, 2, 24), null)]);

    private static readonly WorkingDayCalendar Peacetime = new(
        UkrainianPublicHolidays.For(2026).Concat(UkrainianPublicHolidays.For(2027)), [], []);

    [Fact]
    public void Eligible_WhenDisconnectedAndDebtPaidInFull()
    {
        var (account, balance) = Account(SupplyStatus.DisconnectedForDebt, debt: 500m, paid: 500m);

        RestorationEligibility.EnsureEligible(account, RestorationDebt.InFull(balance));
    }

    [Fact]
    public void Refused_WhenOneKopiykaRemains_SayingHowMuch()
    {
        var (account, balance) = Account(SupplyStatus.DisconnectedForDebt, debt: 500m, paid: 499.99m);

        var refusal = Assert.Throws<BusinessRuleException>(() => RestorationEligibility.EnsureEligible(account, RestorationDebt.InFull(balance)));

        Assert.Equal("debt_outstanding", refusal.Code);
        Assert.Equal(Money.Uah(0.01m), refusal.Arguments[0]);
        Assert.Contains("0,01 грн", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refused_OnASchedule_SayingItIsTheFirstInstalmentAndTheCurrentBill()
    {
        var (account, _) = Account(SupplyStatus.DisconnectedForDebt, debt: 6000m, paid: 0m);

        var refusal = Assert.Throws<BusinessRuleException>(() => RestorationEligibility.EnsureEligible(account, new RestorationDebt(Money.Uah(1250.40m), OnSchedule: true)));

        Assert.Equal("debt_outstanding", refusal.Code);
        Assert.Contains("250,40 грн: це перший внесок графіка й поточний рахунок", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Eligible_OnAScheduleWhoseFirstInstalmentAndCurrentBillArePaid()
    {
        var (account, _) = Account(SupplyStatus.DisconnectedForDebt, debt: 6000m, paid: 1000m);

        RestorationEligibility.EnsureEligible(account, new RestorationDebt(Money.Zero, OnSchedule: true));
    }

    [Fact]
    public void Refused_WhenSupplyIsConnected()
    {
        var (account, balance) = Account(SupplyStatus.Connected, debt: 0m, paid: 0m);

        Assert.Equal("not_disconnected_for_debt",
            Assert.Throws<BusinessRuleException>(() => RestorationEligibility.EnsureEligible(account, RestorationDebt.InFull(balance))).Code);
    }

    [Fact]
    public void Overpayment_LeavesNoDebt()
    {
        var (_, balance) = Account(SupplyStatus.DisconnectedForDebt, debt: 100m, paid: 150m);

        Assert.Equal(Money.Zero, balance.Debt);
        Assert.Equal(Money.Uah(-50m), balance.Balance);
    }

    [Theory]
    // Wednesday 25 Nov 2026, 10:00 Kyiv → Thu, Fri, Mon → Monday 30 Nov (city).
    [InlineData("2026-11-25T08:00:00Z", Settlement.City, "2026-11-30")]
    // 23:30 Kyiv on Wednesday is still Wednesday in Kyiv although 21:30 UTC.
    [InlineData("2026-11-25T21:30:00Z", Settlement.City, "2026-11-30")]
    // 00:30 Kyiv on Thursday is 22:30 UTC on Wednesday: the count starts Friday → Tue 1 Dec.
    [InlineData("2026-11-25T22:30:00Z", Settlement.City, "2026-12-01")]
    // Rural: five working days from Wed 25 Nov: Thu, Fri, Mon, Tue, Wed → Wed 2 Dec.
    [InlineData("2026-11-25T08:00:00Z", Settlement.Rural, "2026-12-02")]
    // Received on Friday: the weekend does not count.
    [InlineData("2026-11-27T12:00:00Z", Settlement.City, "2026-12-02")]
    // Summer time (UTC+3): 21:30 UTC on 14 Jul is 00:30 on 15 Jul in Kyiv; 15 Jul (Statehood Day) is a working day under martial law.
    [InlineData("2026-07-14T21:30:00Z", Settlement.City, "2026-07-20")]
    public void Deadline_UnderMartialLaw_CountsWeekdaysFromTheDayAfterReceiptInKyiv(string receivedAt, Settlement settlement, string expected)
    {
        var deadline = RestorationDeadline.For(NodaTime.Text.InstantPattern.General.Parse(receivedAt).Value, settlement, MartialLaw);

        Assert.Equal(NodaTime.Text.LocalDatePattern.Iso.Parse(expected).Value, deadline);
    }

    [Fact]
    public void Deadline_AcrossTheYearEnd_SkipsNewYearOnlyOutsideMartialLaw()
    {
        var receivedAt = Instant.FromUtc(2026, 12, 29, 10, 0); // Tuesday

        Assert.Equal(new LocalDate(2027, 1, 1), RestorationDeadline.For(receivedAt, Settlement.City, MartialLaw));
        Assert.Equal(new LocalDate(2027, 1, 4), RestorationDeadline.For(receivedAt, Settlement.City, Peacetime));
    }

    [Fact]
    public void Deadline_InPeacetime_SkipsChristmasOn25December()
    {
        var receivedAt = Instant.FromUtc(2026, 12, 23, 10, 0); // Wednesday; Thu 24, [Fri 25 holiday], Mon 28, Tue 29

        Assert.Equal(new LocalDate(2026, 12, 29), RestorationDeadline.For(receivedAt, Settlement.City, Peacetime));
        Assert.Equal(new LocalDate(2026, 12, 28), RestorationDeadline.For(receivedAt, Settlement.City, MartialLaw));
    }

    private static (PersonalAccountSummary Account, LedgerBalance Balance) Account(SupplyStatus status, decimal debt, decimal paid)
    {
        var account = PersonalAccount.Open(AccountNumber.Parse("1000000001"), "Шевченко Тарас", "Київ", Eic.Parse("62Z100000000001Z"),
            Settlement.City, DsoCode.Parse("kyiv-city"));
        account.CorrectSupplyStatus(status, "test", Now);
        var ledger = AccountBalance.Open(account.Number);
        if (debt > 0)
        {
            ledger.Charge(Money.Uah(debt), Now, "Рахунок");
        }

        if (paid > 0)
        {
            ledger.Payment(Money.Uah(paid), Now, "bank", Guid.NewGuid().ToString());
        }

        return (account.Summary(), ledger.Snapshot);
    }
}
