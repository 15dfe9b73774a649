namespace Vidnova.Kernel;

/// <summary>An amount of electrical energy in kilowatt-hours, to the watt-hour (three decimals, as meters report it).</summary>
public readonly record struct Kwh : IComparable<Kwh>
{
    private Kwh(decimal value) => Value = value;

    public decimal Value { get; }

    public static Kwh Zero => default;

    /// <summary>The amount in watt-hours: the unit in which energy is split exactly between days, zones and tiers.</summary>
    public long Wh => (long)(Value * 1000m);

    public static Kwh Of(decimal value)
    {
        if (!TryParse(value, out var kwh))
        {
            throw new ArgumentException($"An energy amount in kWh has at most three decimals (watt-hours); got {value}.", nameof(value));
        }

        return kwh;
    }

    public static bool TryParse(decimal value, out Kwh kwh)
    {
        kwh = default;
        if (decimal.Round(value, 3) != value || Math.Abs(value) > 1_000_000_000_000m)
        {
            return false;
        }

        kwh = new Kwh(value);
        return true;
    }

    public static Kwh FromWh(long wh) => new(wh / 1000m);

    public static Kwh operator +(Kwh left, Kwh right) => new(left.Value + right.Value);

    public static Kwh operator -(Kwh left, Kwh right) => new(left.Value - right.Value);

    public static bool operator <(Kwh left, Kwh right) => left.Value < right.Value;

    public static bool operator >(Kwh left, Kwh right) => left.Value > right.Value;

    public static bool operator <=(Kwh left, Kwh right) => left.Value <= right.Value;

    public static bool operator >=(Kwh left, Kwh right) => left.Value >= right.Value;

    public Kwh Add(Kwh other) => this + other;

    public Kwh Subtract(Kwh other) => this - other;

    public int CompareTo(Kwh other) => Value.CompareTo(other.Value);
}
