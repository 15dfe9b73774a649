using NodaTime;

namespace Vidnova.Kernel;

/// <summary>
/// What an amount and a payment moment may be before they are believed (<c>Payments:*</c>). An amount beyond any
/// household's or business's bill is a typo or an attack, and once booked it breaks every later sum of the ledger.
/// Shared by every capability that takes an amount (payments, opening balances, DSO prices), so it is in the kernel.
/// </summary>
public sealed class PaymentLimits
{
    public const string Section = "Payments";

    /// <summary>The largest payment, account debt or restoration price the API takes, in UAH.</summary>
    public decimal MaxAmount { get; set; } = 10_000_000m;

    /// <summary>
    /// No payment is older than this. The default is the day Ukraine's retail electricity market opened (1 January
    /// 2019, Law of Ukraine "On the Electricity Market" No. 2019-VIII): suppliers like us did not exist before it.
    /// </summary>
    public DateTimeOffset EarliestPaidAt { get; set; } = new(2019, 1, 1, 0, 0, 0, TimeSpan.FromHours(2));

    /// <summary>How far a channel's clock may run ahead of ours before its <c>paidAt</c> counts as in the future.</summary>
    public int ClockSkewMinutes { get; set; } = 5;

    public Instant Earliest => Instant.FromDateTimeOffset(EarliestPaidAt);

    public Duration ClockSkew => Duration.FromMinutes(ClockSkewMinutes);

    /// <summary>A positive amount, in kopiyky, at most <see cref="MaxAmount"/>.</summary>
    public bool TryPositiveAmount(decimal? value, out Money amount)
    {
        amount = default;
        return value is { } given && given > 0 && given <= MaxAmount && Money.TryParse(given, out amount);
    }
}
