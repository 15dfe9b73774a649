using NodaTime;
using Vidnova.Kernel;
using Vidnova.Ledger;
using Vidnova.Problems;

namespace Vidnova.Tests.Ledger;

/// <summary>The balance kept beside the journal: every entry moves it, and the opening balance is an import, not an override.</summary>
public sealed class AccountBalanceTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 25, 8, 0);
    private static readonly AccountNumber Number = AccountNumber.Parse("1000000001");

    [Fact]
    public void ChargesAndPayments_SumToTheBalance_AndDebtIsItsPositivePart()
    {
        var balance = AccountBalance.Open(Number);

        var charge = balance.Charge(Money.Uah(100m), Now, "Рахунок");
        var payment = balance.Payment(Money.Uah(150m), Now, "bank", "r-1");

        Assert.Equal((LedgerEntryKind.Charge, Money.Uah(100m)), (charge.Kind, charge.Amount));
        Assert.Equal((LedgerEntryKind.Payment, Money.Uah(-150m)), (payment.Kind, payment.Amount));
        Assert.Equal(Money.Uah(-50m), balance.Balance);
        Assert.Equal(Money.Zero, balance.Debt);
    }

    [Fact]
    public void EveryEntry_MovesTheVersion_SoARacingWriterLoses()
    {
        var balance = AccountBalance.Open(Number);

        balance.Charge(Money.Uah(1m), Now, "Рахунок");
        var afterCharge = balance.Version;
        balance.Payment(Money.Uah(1m), Now, "bank", "r-1");

        Assert.True(afterCharge > 0);
        Assert.True(balance.Version > afterCharge);
    }

    [Fact]
    public void OpeningBalance_SentAgainBeforeOtherEntries_ReplacesTheFigureByAnEntryForTheDifference()
    {
        var balance = AccountBalance.Open(Number);

        var first = balance.SetOpeningBalance(Money.Uah(500m), Now);
        var second = balance.SetOpeningBalance(Money.Uah(300m), Now);
        var same = balance.SetOpeningBalance(Money.Uah(300m), Now);

        Assert.Equal((LedgerEntryKind.OpeningBalance, Money.Uah(500m)), (first!.Kind, first.Amount));
        Assert.Equal((LedgerEntryKind.OpeningBalance, Money.Uah(-200m)), (second!.Kind, second.Amount));
        Assert.Null(same);
        Assert.Equal(Money.Uah(300m), balance.Balance);
    }

    [Fact]
    public void OpeningBalance_AfterAPayment_IsRefused_UnlessItIsTheCurrentDebt()
    {
        var balance = AccountBalance.Open(Number);
        balance.SetOpeningBalance(Money.Uah(500m), Now);
        balance.Payment(Money.Uah(200m), Now, "bank", "r-1");

        var refusal = Assert.Throws<BusinessRuleException>(() => balance.SetOpeningBalance(Money.Uah(500m), Now));

        Assert.Equal("opening_balance_locked", refusal.Code);
        Assert.Equal(RefusalCategory.Conflict, refusal.Category);
        Assert.Null(balance.SetOpeningBalance(Money.Uah(300m), Now));
        Assert.Equal(Money.Uah(300m), balance.Balance);
    }
}
