namespace Vidnova.Kernel;

/// <summary>
/// A tariff in hryvnia per kilowatt-hour, e.g. the household price of 4,32 грн/кВт·год or a wholesale 1,728.
/// NEURC tariffs are set to more places than a kopiyka, so a price is not <see cref="Money"/>: it keeps up to five
/// decimals and becomes money only when multiplied by an energy amount.
/// </summary>
public readonly record struct PricePerKwh
{
    private PricePerKwh(decimal uahPerKwh) => UahPerKwh = uahPerKwh;

    public decimal UahPerKwh { get; }

    public static PricePerKwh Uah(decimal uahPerKwh)
    {
        if (!TryParse(uahPerKwh, out var price))
        {
            throw new ArgumentException($"A price per kWh is a non-negative amount in UAH with at most five decimals; got {uahPerKwh}.", nameof(uahPerKwh));
        }

        return price;
    }

    public static bool TryParse(decimal uahPerKwh, out PricePerKwh price)
    {
        price = default;
        if (uahPerKwh < 0m || decimal.Round(uahPerKwh, 5) != uahPerKwh)
        {
            return false;
        }

        price = new PricePerKwh(uahPerKwh);
        return true;
    }

    /// <summary>
    /// This price times a tariff factor (a zone's 0.4, 1.5…), exactly: false when the product needs more than five
    /// decimals, so a tariff whose zone prices cannot be written is refused where it is set, not rounded where it is used.
    /// </summary>
    public bool TryScale(decimal factor, out PricePerKwh scaled) => TryParse(UahPerKwh * factor, out scaled);

    /// <summary>
    /// The cost of an energy amount, rounded to the kopiyka half away from zero (0,005 грн → 0,01 грн), the
    /// commercial rounding Ukrainian invoices use; rounded once here so a caller never rounds twice.
    /// </summary>
    public static Money operator *(PricePerKwh price, Kwh energy) =>
        Money.Uah(decimal.Round(price.UahPerKwh * energy.Value, 2, MidpointRounding.AwayFromZero));

    public static Money operator *(Kwh energy, PricePerKwh price) => price * energy;

    public Money Multiply(Kwh energy) => this * energy;
}
