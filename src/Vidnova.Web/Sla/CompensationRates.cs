using NodaTime;
using Vidnova.Accounts;
using Vidnova.Kernel;

namespace Vidnova.Sla;

/// <summary>
/// Compensation amounts for a missed restoration deadline, by the date they took effect. NEURC resolution No. 375
/// of 12.06.2018 sets them and they change by resolution, so they live in configuration
/// (<c>Sla:CompensationRates</c>), never in code.
/// </summary>
internal sealed class CompensationRateOptions
{
    public const string Section = "Sla";

    public List<CompensationRate> CompensationRates { get; set; } = [];
}

internal sealed class CompensationRate
{
    public DateOnly EffectiveFrom { get; set; }

    public decimal Household { get; set; }

    public decimal NonHousehold { get; set; }
}

internal static class CompensationRates
{
    /// <summary>The rate in force on the day the deadline was missed; null when none is configured for that day.</summary>
    public static Money? For(IEnumerable<CompensationRate> rates, LocalDate missedDeadline, CustomerKind kind)
    {
        var rate = rates
            .Where(r => LocalDate.FromDateOnly(r.EffectiveFrom) <= missedDeadline)
            .MaxBy(r => r.EffectiveFrom);
        return rate is null ? null : Money.Uah(kind == CustomerKind.Household ? rate.Household : rate.NonHousehold);
    }
}
