using Vidnova.Kernel;

namespace Vidnova.Readings;

/// <summary>
/// What a reading's consumption will cost, for the reading form. Billing implements it with the tariffs; it is
/// declared here so that Readings does not depend on Billing, which reads the readings to bill them.
/// </summary>
public interface IReadingCosts
{
    /// <summary>The amount of <paramref name="consumption"/> priced as the period's, or null when no tariff covers it.</summary>
    Task<Money?> ExpectedAmountAsync(AccountNumber account, BillingPeriod period, ZoneScheme scheme, ZoneKwh consumption, CancellationToken cancellationToken);
}
