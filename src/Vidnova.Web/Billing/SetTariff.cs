using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;
using Vidnova.Kernel;
using Vidnova.Persistence;
using Vidnova.Problems;

namespace Vidnova.Billing;

public sealed record SetTariffCommand(decimal? PricePerKwh, Dictionary<string, Dictionary<string, decimal>>? ZoneFactors, ElectricHeatingTerms? ElectricHeating);

public sealed record ElectricHeatingTerms(decimal? PricePerKwh, decimal? MonthlyKwh, [Text(5)] string? SeasonFrom, [Text(5)] string? SeasonTo);

/// <summary>Sets the household tariff in force from a date (a new resolution, or a correction of the same date's terms).</summary>
public sealed class SetTariff(VidnovaDbContext db, IClock clock)
{
    /// <summary>A price above this is a typing error (the household price has been under 5 грн for years).</summary>
    private const decimal MaxPrice = 1000m;

    private const decimal MaxFactor = 10m;

    public async Task<(HouseholdTariff Tariff, bool Created)> HandleAsync(string? effectiveFromText, SetTariffCommand command, string caller,
        CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var effectiveFrom = LocalDatePattern.Iso.Parse(effectiveFromText ?? "");
        if (!effectiveFrom.Success || effectiveFrom.Value.Year is < 2000 or > 2999)
        {
            errors.Add("effectiveFrom", "Дата початку дії тарифу — у форматі РРРР-ММ-ДД, наприклад 2026-10-01.");
        }

        var price = ReadPrice(command.PricePerKwh, "pricePerKwh", errors);
        var factors = ReadFactors(command.ZoneFactors, errors);
        var heating = command.ElectricHeating is { } terms ? ReadHeating(terms, errors) : null;
        if (price is { } p && factors is not null && HouseholdTariff.FirstUnpriceableZone(p, factors, heating) is { } zone)
        {
            errors.Add("zoneFactors", "Ціна зони {0} (ціна × коефіцієнт) виходить з понад п'ятьма знаками після коми; перевірте коефіцієнт.", zone);
        }

        errors.ThrowIfAny();

        var date = effectiveFrom.Value;
        var tariff = await db.Set<HouseholdTariff>().SingleOrDefaultAsync(t => t.EffectiveFrom == date, cancellationToken);
        var now = clock.GetCurrentInstant();
        if (tariff is null)
        {
            tariff = HouseholdTariff.Create(date, price!.Value, factors!, heating, now, caller);
            db.Add(tariff);
        }
        else if (!tariff.SameTermsAs(price!.Value, factors!, heating))
        {
            tariff.Change(price.Value, factors!, heating, now, caller);
        }

        var created = db.Entry(tariff).State == EntityState.Added;
        await db.SaveChangesAsync(cancellationToken);
        return (tariff, created);
    }

    private static PricePerKwh? ReadPrice(decimal? value, string field, InputErrors errors)
    {
        if (value is { } amount && amount > 0 && amount <= MaxPrice && Kernel.PricePerKwh.TryParse(amount, out var price))
        {
            return price;
        }

        errors.Add(field, "Ціна за кВт·год — додатна сума в гривнях, не більше {0}, з не більш ніж п'ятьма знаками після коми (наприклад 4.32 або 1.728).", MaxPrice);
        return null;
    }

    private static TariffZoneFactors? ReadFactors(Dictionary<string, Dictionary<string, decimal>>? factors, InputErrors errors)
    {
        var two = Zones(factors, "2", ["night", "day"], errors);
        var three = Zones(factors, "3", ["night", "halfPeak", "peak"], errors);
        if (factors is not null && factors.Keys.Any(k => k is not "2" and not "3"))
        {
            errors.Add("zoneFactors", "Коефіцієнти задаються лише для двозонних (\"2\") і тризонних (\"3\") лічильників.");
        }

        return two is null || three is null ? null : new TariffZoneFactors(two["night"], two["day"], three["night"], three["halfPeak"], three["peak"]);
    }

    private static Dictionary<string, decimal>? Zones(Dictionary<string, Dictionary<string, decimal>>? factors, string scheme, string[] zones, InputErrors errors)
    {
        if (factors?.GetValueOrDefault(scheme) is not { } given || !given.Keys.Order().SequenceEqual(zones.Order()))
        {
            errors.Add($"zoneFactors.{scheme}", "Для {0}-зонних лічильників потрібні коефіцієнти рівно цих зон: {1}.", scheme, string.Join(", ", zones));
            return null;
        }

        var bad = given.Where(f => f.Value <= 0 || f.Value > MaxFactor || decimal.Round(f.Value, 4) != f.Value).Select(f => f.Key).ToList();
        foreach (var zone in bad)
        {
            errors.Add($"zoneFactors.{scheme}.{zone}", "Коефіцієнт зони — додатне число до {0} з не більш ніж чотирма знаками після коми (наприклад 0.4 або 1.5).", MaxFactor);
        }

        return bad.Count == 0 ? given : null;
    }

    private static ElectricHeatingTier? ReadHeating(ElectricHeatingTerms terms, InputErrors errors)
    {
        var price = ReadPrice(terms.PricePerKwh, "electricHeating.pricePerKwh", errors);
        Kwh? monthly = null;
        if (terms.MonthlyKwh is { } value && value > 0 && value <= 1_000_000m && Kwh.TryParse(value, out var kwh))
        {
            monthly = kwh;
        }
        else
        {
            errors.Add("electricHeating.monthlyKwh", "Обсяг за пільговою ціною — додатна кількість кВт·год на місяць, до 1 000 000 (наприклад 2000).");
        }

        var from = Day(terms.SeasonFrom, "electricHeating.seasonFrom", errors);
        var to = Day(terms.SeasonTo, "electricHeating.seasonTo", errors);
        return price is null || monthly is null || from is null || to is null ? null : new ElectricHeatingTier(price.Value, monthly.Value, from.Value, to.Value);
    }

    private static AnnualDate? Day(string? text, string field, InputErrors errors)
    {
        if (text is not null && AnnualDatePattern.Iso.Parse(text) is { Success: true } day)
        {
            return day.Value;
        }

        errors.Add(field, "День року у форматі ММ-ДД, наприклад 10-01 або 04-30.");
        return null;
    }
}
