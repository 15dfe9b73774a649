using NodaTime;
using Vidnova.Accounts;
using Vidnova.Calendar;
using Vidnova.Dunning;
using Vidnova.Kernel;
using Vidnova.Problems;

namespace Vidnova.Tests.Dunning;

/// <summary>The dates of a case, across a weekend and Christmas with and without martial law, and the decisions on a case.</summary>
public sealed class DunningRulesTests
{
    private static readonly DunningOptions Options = new();

    private static WorkingDayCalendar Calendar(bool martialLaw) => new(
        UkrainianPublicHolidays.For(2026).Concat(UkrainianPublicHolidays.For(2027)), [],
        martialLaw ? [new MartialLawPeriod(new LocalDate(2022, 2, 24), null)] : []);

    [Theory]
    // Under martial law 25.12 (Friday) is a working day: the tenth working day after Monday 14.12 is Monday 28.12.
    [InlineData(true, "2026-12-28", "2026-12-21", "2026-12-23")]
    // Without it Christmas is a day off: the date moves to Tuesday 29.12; the second warning stays on Monday 21.12.
    [InlineData(false, "2026-12-29", "2026-12-21", "2026-12-23")]
    public void Plan_CountsWorkingDays_AcrossTheWeekendAndTheHoliday(bool martialLaw, string disconnection, string secondWarning, string payBy)
    {
        var dates = DunningRules.Plan(new LocalDate(2026, 12, 14), Calendar(martialLaw), Options);

        Assert.Equal(LocalDate.FromDateTime(DateTime.Parse(disconnection, System.Globalization.CultureInfo.InvariantCulture)).At(new LocalTime(10, 0)),
            dates.PlannedDisconnectionAt);
        Assert.Equal(secondWarning, dates.SecondWarningOn.ToString("yyyy-MM-dd", null));
        Assert.Equal(payBy, dates.PayBy.ToString("yyyy-MM-dd", null));
    }

    [Fact]
    public void Plan_FromAFridayWarning_SkipsTheWeekend()
    {
        // Friday 04.12.2026 → ten working days: 07–11.12 and 14–18.12 → Friday 18.12.
        var dates = DunningRules.Plan(new LocalDate(2026, 12, 4), Calendar(martialLaw: true), Options);

        Assert.Equal(new LocalDate(2026, 12, 18), dates.PlannedDisconnectionAt.Date);
        Assert.Equal(new LocalDate(2026, 12, 11), dates.SecondWarningOn);
    }

    [Fact]
    public void Replan_KeepsTheDate_WhenTheSecondWarningIsOnTime_AndMovesIt_WhenLate()
    {
        var calendar = Calendar(martialLaw: true);
        var planned = DunningRules.Plan(new LocalDate(2026, 12, 14), calendar, Options);

        Assert.Equal(planned, DunningRules.Replan(planned, new LocalDate(2026, 12, 21), calendar, Options));
        Assert.Equal(new LocalDate(2026, 12, 30), DunningRules.Replan(planned, new LocalDate(2026, 12, 23), calendar, Options).PlannedDisconnectionAt.Date);
    }

    [Theory]
    [InlineData(1000, 0, 1000)]
    [InlineData(1000, 400, 600)]
    [InlineData(300, 400, 0)]
    [InlineData(-50, 0, 0)]
    public void OverdueDebt_IsTheBalanceLessTheChargesNotYetOverdue_NeverNegative(decimal balance, decimal recent, decimal overdue) =>
        Assert.Equal(Money.Uah(overdue), DunningRules.OverdueDebt(Money.Uah(balance), Money.Uah(recent)));

    [Fact]
    public void AMoratorium_CoversItsDatesKindsAndTerritory_Only()
    {
        var options = new DunningOptions
        {
            Moratoria = [new DunningMoratorium { Name = "Опалювальний сезон", From = "2026-12-01", To = "2027-03-31", CustomerKinds = ["household"], AddressContains = ["Харків"] }],
        };
        var kharkiv = Account(CustomerKind.Household, "м. Харків, вул. Сумська, 1");

        Assert.NotNull(DunningRules.MoratoriumFor(kharkiv, new LocalDate(2026, 12, 14), options));
        Assert.Null(DunningRules.MoratoriumFor(kharkiv, new LocalDate(2027, 4, 1), options));
        Assert.Null(DunningRules.MoratoriumFor(Account(CustomerKind.NonHousehold, "м. Харків, вул. Сумська, 1"), new LocalDate(2026, 12, 14), options));
        Assert.Null(DunningRules.MoratoriumFor(Account(CustomerKind.Household, "м. Київ, вул. Хрещатик, 1"), new LocalDate(2026, 12, 14), options));
    }

    [Fact]
    public void NextStep_PaymentFirst_ThenHolds_ThenTheDueWarningOrOrder()
    {
        var now = Instant.FromUtc(2026, 12, 21, 7, 0);
        var dunningCase = DunningCase.Open(AccountNumber.Parse("7400000001"), Money.Uah(1000m),
            DunningRules.Plan(new LocalDate(2026, 12, 14), Calendar(martialLaw: true), Options), Instant.FromUtc(2026, 12, 14, 7, 0));
        var account = Account(CustomerKind.Household, "м. Київ");

        Assert.Equal(DunningStep.CloseAsPaid, DunningDecisions.NextStep(dunningCase, new DunningFacts(account, Money.Uah(199.99m), null, null), now, true, Options));
        Assert.Equal(DunningStep.CloseForHold,
            DunningDecisions.NextStep(dunningCase, new DunningFacts(account, Money.Uah(1000m), DunningHoldReason.RepaymentSchedule, null), now, true, Options));
        Assert.Equal(DunningStep.WarnSecondTime, DunningDecisions.NextStep(dunningCase, new DunningFacts(account, Money.Uah(1000m), null, null), now, true, Options));
        // Before RunAtHour no warning goes out.
        Assert.Equal(DunningStep.None, DunningDecisions.NextStep(dunningCase, new DunningFacts(account, Money.Uah(1000m), null, null), now, false, Options));
    }

    [Fact]
    public void ACase_CannotBeOrderedBeforeItsDate_NorSkipTheSecondWarning()
    {
        var dunningCase = DunningCase.Open(AccountNumber.Parse("7400000001"), Money.Uah(1000m),
            DunningRules.Plan(new LocalDate(2026, 12, 14), Calendar(martialLaw: true), Options), Instant.FromUtc(2026, 12, 14, 7, 0));

        // Warned only: the date has come but the second warning has not gone out.
        Assert.Throws<BusinessRuleException>(() => dunningCase.OrderDisconnection(Guid.NewGuid(), Money.Uah(1000m), Instant.FromUtc(2026, 12, 28, 8, 0)));
        dunningCase.WarnSecondTime(Money.Uah(1000m), dunningCase.Dates, Instant.FromUtc(2026, 12, 21, 7, 0));
        Assert.Throws<BusinessRuleException>(() => dunningCase.OrderDisconnection(Guid.NewGuid(), Money.Uah(1000m), Instant.FromUtc(2026, 12, 28, 7, 59)));
        dunningCase.OrderDisconnection(Guid.NewGuid(), Money.Uah(1000m), Instant.FromUtc(2026, 12, 28, 8, 0));
        Assert.Equal(DunningState.DisconnectionOrdered, dunningCase.State);
        Assert.Throws<BusinessRuleException>(() => dunningCase.Pause("клієнт у лікарні", "staff:olena", Instant.FromUtc(2026, 12, 28, 9, 0)));
    }

    private static PersonalAccountSummary Account(CustomerKind kind, string address) => new(
        AccountNumber.Parse("7400000001"), "Шевченко Тарас Григорович", address, Eic.Parse("62Z100000000001Z"), Settlement.City, DsoCode.Parse("kyiv-city"), kind,
        SupplyStatus.Connected);
}
