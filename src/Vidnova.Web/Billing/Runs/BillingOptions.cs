using System.ComponentModel.DataAnnotations;

namespace Vidnova.Billing.Runs;

/// <summary>The billing run's configuration, section <c>Billing</c> (README, "The billing run").</summary>
public sealed class BillingOptions
{
    public const string Section = "Billing";

    /// <summary>An average daily estimate needs two readings at least this many days apart (issue 12: 28).</summary>
    [Range(1, 366)]
    public int EstimateMinimumDays { get; set; } = 28;

    /// <summary>
    /// A bill is due this many days after its period's last day. The term is the supplier's (its commercial offer to
    /// households), not a regulation's: set it to what the offer says.
    /// </summary>
    [Range(0, 120)]
    public int DueDays { get; set; } = 20;

    /// <summary>Accounts per batch: one transaction, a handful of queries and one bulk write each.</summary>
    [Range(1, 100_000)]
    public int BatchSize { get; set; } = 1000;

    /// <summary>Batches this instance bills at once; 0 keeps the instance out of billing runs (another one bills).</summary>
    [Range(0, 64)]
    public int Workers { get; set; } = 1;

    /// <summary>How long a claimed batch stays this instance's; a crashed instance's batch is claimed again after it.</summary>
    [Range(5, 86_400)]
    public int LeaseSeconds { get; set; } = 300;

    /// <summary>How often an instance looks for queued runs and unclaimed batches.</summary>
    [Range(1, 3600)]
    public int PollSeconds { get; set; } = 5;

    /// <summary>Attempts of a batch that fails as a whole before it is failed and its accounts counted as failed.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 3;
}
