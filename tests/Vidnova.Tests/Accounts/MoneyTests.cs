using System.Globalization;
using Vidnova.Kernel;

namespace Vidnova.Tests.Accounts;

public sealed class MoneyTests
{
    [Fact]
    public void Money_FormatsUkrainianWithGroupSeparatorAndComma() =>
        Assert.Equal("1\u00A0234,56 грн", Money.Uah(1234.56m).ToString(null, CultureInfo.GetCultureInfo("uk-UA")));

    [Fact]
    public void Money_FormatsEnglishWithCurrencyCodeFirst() =>
        Assert.Equal("UAH 1,234.56", Money.Uah(1234.56m).ToString(null, CultureInfo.GetCultureInfo("en-GB")));

    [Fact]
    public void Money_RefusesFractionsOfAKopiyka()
    {
        Assert.Throws<ArgumentException>(() => Money.Uah(0.001m));
        Assert.False(Money.TryParse(10.005m, out _));
    }

    [Fact]
    public void Money_AddsAndComparesExactly()
    {
        var sum = Money.Uah(0.1m) + Money.Uah(0.2m);

        Assert.Equal(Money.Uah(0.3m), sum);
        Assert.Equal(30, sum.Kopiyky);
        Assert.True(Money.Uah(0.01m) > Money.Zero);
    }
}
