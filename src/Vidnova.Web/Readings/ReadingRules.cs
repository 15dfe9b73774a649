using NodaTime;
using Vidnova.Kernel;
using Vidnova.Problems;

namespace Vidnova.Readings;

/// <summary>How unusual a reading may be before whoever sends it must confirm it (<c>Readings:Plausibility:*</c>).</summary>
public sealed class ReadingPlausibilityOptions
{
    public const string Section = "Readings:Plausibility";

    /// <summary>A reading is a jump when its daily use is over this many times the meter's average daily use…</summary>
    public decimal JumpFactor { get; set; } = 3m;

    /// <summary>…and it makes more than this many kWh.</summary>
    public decimal JumpMinimumKwh { get; set; } = 500m;

    /// <summary>The daily use assumed while a meter has no history of its own (a household's is about 8–10 kWh).</summary>
    public decimal TypicalDailyKwh { get; set; } = 10m;
}

/// <summary>A reading of a meter on a day: what it shows and the day.</summary>
public sealed record RegisterReading(LocalDate TakenOn, ZoneKwh Values);

/// <summary>What an accepted reading makes: kWh per zone since the previous one, and whether a register rolled over.</summary>
public sealed record ReadingAssessment(ZoneKwh Consumption, bool RolledOver, bool Unusual)
{
    public Kwh Kwh => Consumption.Total;
}

/// <summary>
/// The checks of a new reading against the meter's previous ones (pure, no I/O). Each refusal has a code and a
/// sentence that tells the sender what to do.
/// </summary>
public static class ReadingRules
{
    /// <summary>
    /// A value below the previous one is a rollover only if going round the register makes less than this share of
    /// it (a five-digit meter: under 10 000 kWh, from 99 9xx to a few hundred); otherwise it is a typing error.
    /// </summary>
    private const decimal RolloverShare = 0.1m;

    /// <summary>kWh per zone from <paramref name="previous"/> to <paramref name="next"/>; a lower value went round the register.</summary>
    public static ZoneKwh Consumption(ZoneKwh previous, ZoneKwh next, int digits)
    {
        var limit = Meter.RegisterLimitOf(digits);
        return ZoneKwh.Of(next.Values.Select(v => KeyValuePair.Create(v.Key,
            v.Value >= previous[v.Key] ? v.Value - previous[v.Key] : limit - previous[v.Key] + v.Value)));
    }

    /// <summary>
    /// The meter's average daily use over its readings (oldest first) up to the previous one, or null when they
    /// span less than a day.
    /// </summary>
    public static decimal? AverageDailyKwh(IReadOnlyList<RegisterReading> history, int digits)
    {
        var days = history.Count < 2 ? 0 : Period.DaysBetween(history[0].TakenOn, history[^1].TakenOn);
        if (days < 1)
        {
            return null;
        }

        var used = history.Zip(history.Skip(1)).Sum(pair => Consumption(pair.First.Values, pair.Second.Values, digits).Total.Value);
        return used / days;
    }

    /// <summary>
    /// Whether <paramref name="value"/> below <paramref name="before"/> may be the register going round zero: it makes
    /// less than <see cref="RolloverShare"/> of the register; otherwise it is a typing error.
    /// </summary>
    public static bool IsRollover(Kwh before, Kwh value, int digits)
    {
        var limit = Meter.RegisterLimitOf(digits);
        return value < before && (limit - before + value).Value < limit.Value * RolloverShare;
    }

    /// <summary>
    /// Checks <paramref name="values"/> taken on <paramref name="takenOn"/> against the previous reading: a lower value
    /// is refused (<c>reading_below_previous</c>) unless it is a plausible rollover and <paramref name="confirm"/> is
    /// set; a jump over <see cref="ReadingPlausibilityOptions.JumpFactor"/> × the average daily use and over
    /// <see cref="ReadingPlausibilityOptions.JumpMinimumKwh"/> needs <paramref name="confirm"/> (<c>implausible_jump</c>).
    /// </summary>
    public static ReadingAssessment Assess(RegisterReading previous, LocalDate takenOn, ZoneKwh values, int digits, decimal? averageDailyKwh,
        bool confirm, ReadingPlausibilityOptions options)
    {
        var rolledOver = false;
        foreach (var (zone, value) in values.Values)
        {
            var before = previous.Values[zone];
            if (value >= before)
            {
                continue;
            }

            if (!IsRollover(before, value, digits))
            {
                throw new BusinessRuleException("reading_below_previous",
                    "Показання зони {0} ({1}) менші за попередні ({2} на {3:dd.MM.yyyy}). Перевірте цифри на лічильнику й надішліть показання ще раз.",
                    MeterZoneNames.Of(zone), value.Value, before.Value, previous.TakenOn.ToDateOnly())
                { Category = RefusalCategory.InvalidInput };
            }

            if (!confirm)
            {
                throw new BusinessRuleException("reading_below_previous",
                    "Показання зони {0} ({1}) менші за попередні ({2}). Якщо лічильник ({3} розрядів) перейшов через нуль, надішліть їх ще раз з confirm: true; інакше перевірте цифри.",
                    MeterZoneNames.Of(zone), value.Value, before.Value, digits)
                { Category = RefusalCategory.InvalidInput, NeedsConfirmation = true };
            }

            rolledOver = true;
        }

        var consumption = Consumption(previous.Values, values, digits);
        var days = Math.Max(1, Period.DaysBetween(previous.TakenOn, takenOn));
        var expected = (averageDailyKwh ?? options.TypicalDailyKwh) * days;
        var unusual = consumption.Total.Value > options.JumpMinimumKwh && consumption.Total.Value > options.JumpFactor * expected;
        if (unusual && !confirm)
        {
            throw new BusinessRuleException("implausible_jump",
                "Ці показання дають {0} кВт·год за {1} дн. — значно більше, ніж зазвичай (близько {2} кВт·год на день). Перевірте цифри; якщо все правильно, надішліть їх ще раз з confirm: true.",
                consumption.Total.Value, days, decimal.Round(averageDailyKwh ?? options.TypicalDailyKwh, 1))
            { Category = RefusalCategory.InvalidInput, NeedsConfirmation = true };
        }

        return new ReadingAssessment(consumption, rolledOver, unusual);
    }
}
