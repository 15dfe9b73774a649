using System.Globalization;

namespace Vidnova.Kernel;

/// <summary>An amount in Ukrainian hryvnia, exact to the kopiyka.</summary>
public readonly record struct Money : IComparable<Money>, IFormattable
{
    private static readonly CultureInfo Ukrainian = CultureInfo.GetCultureInfo("uk-UA");

    private Money(decimal amount) => Amount = amount;

    public decimal Amount { get; }

    public static Money Zero => default;

    public long Kopiyky => (long)(Amount * 100m);

    public static Money Uah(decimal amount)
    {
        if (decimal.Round(amount, 2) != amount)
        {
            throw new ArgumentException($"An amount in UAH has at most two decimals (kopiyky); got {amount}.", nameof(amount));
        }

        return new Money(amount);
    }

    public static bool TryParse(decimal amount, out Money money)
    {
        money = default;
        if (decimal.Round(amount, 2) != amount)
        {
            return false;
        }

        money = new Money(amount);
        return true;
    }

    public static Money FromKopiyky(long kopiyky) => new(kopiyky / 100m);

    public bool IsPositive => Amount > 0m;

    public static Money operator +(Money left, Money right) => new(left.Amount + right.Amount);

    public static Money operator -(Money left, Money right) => new(left.Amount - right.Amount);

    public static Money operator -(Money value) => new(-value.Amount);

    public static bool operator <(Money left, Money right) => left.Amount < right.Amount;

    public static bool operator >(Money left, Money right) => left.Amount > right.Amount;

    public static bool operator <=(Money left, Money right) => left.Amount <= right.Amount;

    public static bool operator >=(Money left, Money right) => left.Amount >= right.Amount;

    public static Money Max(Money left, Money right) => left >= right ? left : right;

    public int CompareTo(Money other) => Amount.CompareTo(other.Amount);

    public Money Add(Money other) => this + other;

    public Money Subtract(Money other) => this - other;

    public Money Negate() => -this;

    /// <summary>"1 234,56 грн" in Ukrainian, "UAH 1,234.56" in English.</summary>
    public string ToString(string? format, IFormatProvider? formatProvider)
    {
        var culture = formatProvider as CultureInfo ?? CultureInfo.CurrentUICulture;
        return culture.TwoLetterISOLanguageName == "uk" || culture.Equals(CultureInfo.InvariantCulture)
            ? Amount.ToString("#,0.00", Ukrainian) + " грн"
            : "UAH " + Amount.ToString("#,0.00", CultureInfo.GetCultureInfo("en-US"));
    }

    public override string ToString() => ToString(null, CultureInfo.CurrentUICulture);
}
