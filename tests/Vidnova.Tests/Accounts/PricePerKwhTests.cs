using Vidnova.Kernel;

namespace Vidnova.Tests.Accounts;

public sealed class PricePerKwhTests
{
    [Fact]
    public void Price_KeepsFiveDecimals_AndRefusesMore()
    {
        Assert.Equal(1.72845m, PricePerKwh.Uah(1.72845m).UahPerKwh);
        Assert.Throws<ArgumentException>(() => PricePerKwh.Uah(1.728451m));
        Assert.False(PricePerKwh.TryParse(-0.01m, out _));
    }

    [Fact]
    public void Price_TimesEnergy_IsMoneyToTheKopiyka() =>
        // 1.728 × 250.5 = 432.864 → 432.86
        Assert.Equal(Money.Uah(432.86m), PricePerKwh.Uah(1.728m) * Kwh.Of(250.5m));

    [Theory]
    // 4.32 × 0.125 = 0.54; 1.5 × 0.003 = 0.0045 → 0.00; 1.72845 × 1 = 1.72845 → 1.73; 1 × 0.005 = 0.005 → 0.01 (half away from zero, not to even)
    [InlineData("4.32", "0.125", "0.54")]
    [InlineData("1.5", "0.003", "0.00")]
    [InlineData("1.72845", "1", "1.73")]
    [InlineData("0.5", "0.013", "0.01")]
    [InlineData("1", "0.005", "0.01")]
    [InlineData("1", "-0.005", "-0.01")]
    public void Price_TimesEnergy_RoundsHalfAwayFromZero(string price, string kwh, string expected) =>
        Assert.Equal(Money.Uah(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture)),
            Kwh.Of(decimal.Parse(kwh, System.Globalization.CultureInfo.InvariantCulture))
            * PricePerKwh.Uah(decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Energy_HasAtMostThreeDecimals() => Assert.Throws<ArgumentException>(() => Kwh.Of(0.0001m));
}
