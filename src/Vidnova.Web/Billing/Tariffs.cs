using Microsoft.EntityFrameworkCore;
using NodaTime;
using Vidnova.Kernel;
using Vidnova.Persistence;

namespace Vidnova.Billing;

/// <summary>The household tariffs as data: what the billing run, the reading form and the API read.</summary>
public interface ITariffs
{
    /// <summary>Every tariff by effective date.</summary>
    Task<TariffSchedule> ScheduleAsync(CancellationToken cancellationToken);

    /// <summary>The tariff in force on <paramref name="date"/> (a Kyiv date), or null before the first one.</summary>
    Task<HouseholdTariff?> InForceOnAsync(LocalDate date, CancellationToken cancellationToken);

    /// <summary>When the account's home is approved as electrically heated.</summary>
    Task<ElectricHeatingApprovals> HeatingApprovalsOfAsync(AccountNumber account, CancellationToken cancellationToken);
}

/// <summary>Prices an account's consumption for a period with the tariffs in force then (<see cref="TariffArithmetic"/>).</summary>
public interface IConsumptionPricing
{
    /// <summary>The lines and amount; refused with <c>no_tariff</c> when a day of the period has no tariff.</summary>
    Task<PricedConsumption> PriceAsync(AccountNumber account, BillingPeriod period, ZoneScheme scheme, ZoneKwh consumption, CancellationToken cancellationToken);
}

internal sealed class Tariffs(VidnovaDbContext db) : ITariffs, IConsumptionPricing
{
    public async Task<TariffSchedule> ScheduleAsync(CancellationToken cancellationToken) =>
        new(await db.Set<HouseholdTariff>().AsNoTracking().ToListAsync(cancellationToken));

    public Task<HouseholdTariff?> InForceOnAsync(LocalDate date, CancellationToken cancellationToken) =>
        db.Set<HouseholdTariff>().AsNoTracking().Where(t => t.EffectiveFrom <= date).OrderByDescending(t => t.EffectiveFrom).FirstOrDefaultAsync(cancellationToken);

    public async Task<ElectricHeatingApprovals> HeatingApprovalsOfAsync(AccountNumber account, CancellationToken cancellationToken) =>
        new((await db.Set<ElectricHeatingOption>().AsNoTracking().Where(o => o.AccountNumber == account).ToListAsync(cancellationToken))
            .Select(o => (o.From, o.ElectricHeating)));

    public async Task<PricedConsumption> PriceAsync(AccountNumber account, BillingPeriod period, ZoneScheme scheme, ZoneKwh consumption,
        CancellationToken cancellationToken) =>
        TariffArithmetic.Price(period, scheme, consumption, await ScheduleAsync(cancellationToken), await HeatingApprovalsOfAsync(account, cancellationToken));
}
