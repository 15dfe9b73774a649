using NodaTime;
using Vidnova.Kernel;

namespace Vidnova.Billing;

/// <summary>
/// The household electricity price in force from a date until the next one: a base price per kWh, the factors of
/// two- and three-zone meters, and optionally a lower price for the first kWh of a month of a home heated by
/// electricity during the heating season. Tariffs change by resolution of the Cabinet of Ministers, so they are data
/// with effective dates (ADR 0007), never code; each zone's price is the base price times its factor, exactly.
/// </summary>
public sealed class HouseholdTariff
{
    private HouseholdTariff()
    {
    }

    public LocalDate EffectiveFrom { get; private set; }

    public PricePerKwh Price { get; private set; }

    public decimal TwoZoneNight { get; private set; }

    public decimal TwoZoneDay { get; private set; }

    public decimal ThreeZoneNight { get; private set; }

    public decimal ThreeZoneHalfPeak { get; private set; }

    public decimal ThreeZonePeak { get; private set; }

    /// <summary>The electric-heating tier, or null when this tariff has none.</summary>
    public ElectricHeatingTier? ElectricHeating => HeatingPrice is { } heatingPrice
        ? new ElectricHeatingTier(heatingPrice, HeatingMonthlyKwh!.Value, HeatingSeasonFrom!.Value, HeatingSeasonTo!.Value)
        : null;

    // The tier's columns; null together when the tariff has no tier.
    private PricePerKwh? HeatingPrice { get; set; }

    private Kwh? HeatingMonthlyKwh { get; set; }

    private AnnualDate? HeatingSeasonFrom { get; set; }

    private AnnualDate? HeatingSeasonTo { get; set; }

    public Instant SetAt { get; private set; }

    public string SetBy { get; private set; } = "";

    /// <summary>
    /// A tariff whose every zone price (and heating zone price) is a <see cref="PricePerKwh"/>; null with the reason
    /// when one is not (a factor that gives more than five decimals, a non-positive factor).
    /// </summary>
    public static HouseholdTariff Create(LocalDate effectiveFrom, PricePerKwh price, TariffZoneFactors factors, ElectricHeatingTier? heating,
        Instant setAt, string setBy)
    {
        var tariff = new HouseholdTariff { EffectiveFrom = effectiveFrom, SetAt = setAt, SetBy = setBy };
        tariff.Change(price, factors, heating, setAt, setBy);
        return tariff;
    }

    /// <summary>Replaces the terms of this tariff (an administrator corrects what was set for the same date).</summary>
    public void Change(PricePerKwh price, TariffZoneFactors factors, ElectricHeatingTier? heating, Instant setAt, string setBy)
    {
        if (FirstUnpriceableZone(price, factors, heating) is { } problem)
        {
            throw new ArgumentException(problem, nameof(factors));
        }

        Price = price;
        TwoZoneNight = factors.TwoZoneNight;
        TwoZoneDay = factors.TwoZoneDay;
        ThreeZoneNight = factors.ThreeZoneNight;
        ThreeZoneHalfPeak = factors.ThreeZoneHalfPeak;
        ThreeZonePeak = factors.ThreeZonePeak;
        HeatingPrice = heating?.Price;
        HeatingMonthlyKwh = heating?.MonthlyKwh;
        HeatingSeasonFrom = heating?.SeasonFrom;
        HeatingSeasonTo = heating?.SeasonTo;
        SetAt = setAt;
        SetBy = setBy;
    }

    public TariffZoneFactors Factors => new(TwoZoneNight, TwoZoneDay, ThreeZoneNight, ThreeZoneHalfPeak, ThreeZonePeak);

    public bool SameTermsAs(PricePerKwh price, TariffZoneFactors factors, ElectricHeatingTier? heating) =>
        Price == price && Factors == factors && ElectricHeating == heating;

    /// <summary>The price of a kWh counted by <paramref name="zone"/> of a meter with <paramref name="scheme"/>.</summary>
    public PricePerKwh PriceOf(ZoneScheme scheme, MeterZone zone) => Scale(Price, Factors.Of(scheme, zone));

    /// <summary>The same within the electric-heating allowance: the heating price times the zone's factor.</summary>
    public PricePerKwh HeatingPriceOf(ZoneScheme scheme, MeterZone zone) =>
        Scale(ElectricHeating?.Price ?? throw new InvalidOperationException("This tariff has no electric-heating price."), Factors.Of(scheme, zone));

    /// <summary>Why a zone price of these terms is not a price (more than five decimals), or null when all are.</summary>
    public static string? FirstUnpriceableZone(PricePerKwh price, TariffZoneFactors factors, ElectricHeatingTier? heating)
    {
        foreach (var scheme in new[] { ZoneScheme.OneZone, ZoneScheme.TwoZone, ZoneScheme.ThreeZone })
        {
            foreach (var zone in scheme.Zones)
            {
                var factor = factors.Of(scheme, zone);
                if (factor <= 0 || !price.TryScale(factor, out _) || (heating is { } tier && !tier.Price.TryScale(factor, out _)))
                {
                    return $"{scheme.Count}:{MeterZoneNames.Of(zone)}";
                }
            }
        }

        return null;
    }

    private static PricePerKwh Scale(PricePerKwh price, decimal factor) =>
        price.TryScale(factor, out var scaled) ? scaled : throw new InvalidOperationException("Checked when the tariff was set.");
}

/// <summary>The zone factors of two-zone (night, day) and three-zone (night, half-peak, peak) meters; a one-zone meter's is 1.</summary>
public sealed record TariffZoneFactors(decimal TwoZoneNight, decimal TwoZoneDay, decimal ThreeZoneNight, decimal ThreeZoneHalfPeak, decimal ThreeZonePeak)
{
    public decimal Of(ZoneScheme scheme, MeterZone zone) => (scheme.Count, zone) switch
    {
        (1, MeterZone.Total) => 1m,
        (2, MeterZone.Night) => TwoZoneNight,
        (2, MeterZone.Day) => TwoZoneDay,
        (3, MeterZone.Night) => ThreeZoneNight,
        (3, MeterZone.HalfPeak) => ThreeZoneHalfPeak,
        (3, MeterZone.Peak) => ThreeZonePeak,
        _ => throw new ArgumentOutOfRangeException(nameof(zone), zone, $"A {scheme.Count}-zone meter has no {zone} zone."),
    };
}

/// <summary>
/// The lower price of a home with approved electric heating: for the first <see cref="MonthlyKwh"/> of a month, on
/// the days from <see cref="SeasonFrom"/> to <see cref="SeasonTo"/> (1 October to 30 April, a season across New Year).
/// </summary>
public sealed record ElectricHeatingTier(PricePerKwh Price, Kwh MonthlyKwh, AnnualDate SeasonFrom, AnnualDate SeasonTo)
{
    public bool InSeason(LocalDate date)
    {
        var day = (date.Month, date.Day);
        var from = (SeasonFrom.Month, SeasonFrom.Day);
        var to = (SeasonTo.Month, SeasonTo.Day);
        return from.CompareTo(to) <= 0
            ? day.CompareTo(from) >= 0 && day.CompareTo(to) <= 0
            : day.CompareTo(from) >= 0 || day.CompareTo(to) <= 0;
    }
}
