using Microsoft.EntityFrameworkCore;
using NodaTime;
using Vidnova.Kernel;
using Vidnova.Persistence;

namespace Vidnova.Billing;

/// <summary>
/// Reference data written at start-up, like the working-day calendar: on an empty tariff table, the household tariff
/// in force since 1 June 2024 — 4,32 грн/кВт·год, set by CMU resolution No. 483 of 05.06.2019 «Про затвердження
/// Положення про покладення спеціальних обов'язків…» as amended by No. 632 of 31.05.2024 and later resolutions
/// (2025). Zone factors: two-zone night 23:00–07:00 × 0,5, day × 1; three-zone night × 0,4, peak 08:00–11:00 and
/// 20:00–22:00 × 1,5, half-peak × 1 (as reported of resolution 632 — data, to be checked against the resolution's
/// text). Homes with approved electric heating: 2,64 грн for the first 2 000 kWh a month from 1 October to 30 April.
/// Later changes are made through <c>PUT /api/v1/tariffs/{effectiveFrom}</c>, never here.
/// </summary>
public sealed class TariffSeed(VidnovaDbContext db, IClock clock)
{
    public static readonly LocalDate HouseholdTariffSince = new(2024, 6, 1);

    public static HouseholdTariff Resolution632(Instant setAt) => HouseholdTariff.Create(
        HouseholdTariffSince,
        PricePerKwh.Uah(4.32m),
        new TariffZoneFactors(TwoZoneNight: 0.5m, TwoZoneDay: 1m, ThreeZoneNight: 0.4m, ThreeZoneHalfPeak: 1m, ThreeZonePeak: 1.5m),
        new ElectricHeatingTier(PricePerKwh.Uah(2.64m), Kwh.Of(2000m), new AnnualDate(10, 1), new AnnualDate(4, 30)),
        setAt,
        "seed: CMU No. 483 as amended by No. 632");

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (await db.Set<HouseholdTariff>().AnyAsync(cancellationToken))
        {
            return;
        }

        db.Add(Resolution632(clock.GetCurrentInstant()));
        await db.SaveChangesAsync(cancellationToken);
    }
}
