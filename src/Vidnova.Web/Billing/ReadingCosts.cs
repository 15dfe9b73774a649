using Vidnova.Kernel;
using Vidnova.Problems;
using Vidnova.Readings;

namespace Vidnova.Billing;

/// <summary>What a submitted reading will cost, for the reading form: its consumption priced as the period's.</summary>
internal sealed class ReadingCosts(IConsumptionPricing pricing) : IReadingCosts
{
    public async Task<Money?> ExpectedAmountAsync(AccountNumber account, BillingPeriod period, ZoneScheme scheme, ZoneKwh consumption,
        CancellationToken cancellationToken)
    {
        try
        {
            return (await pricing.PriceAsync(account, period, scheme, consumption, cancellationToken)).Amount;
        }
        catch (BusinessRuleException refused) when (refused.Code == "no_tariff")
        {
            // No tariff for the period yet: the reading is still taken, the form shows no amount.
            return null;
        }
    }
}
