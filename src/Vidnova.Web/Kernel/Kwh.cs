namespace Vidnova.Kernel;

/// <summary>An amount of electrical energy in kilowatt-hours, to the watt-hour (three decimals, as meters report it).</summary>
public readonly record struct Kwh
{
    private Kwh(decimal value) => Value = value;

    public decimal Value { get; }

    public static Kwh Of(decimal value)
    {
        if (decimal.Round(value, 3) != value)
        {
            throw new ArgumentException($"An energy amount in kWh has at most three decimals (watt-hours); got {value}.", nameof(value));
        }

        return new Kwh(value);
    }
}
