using Microsoft.Extensions.Options;
using Vidnova.Shared;

namespace Vidnova.Billing.Runs;

/// <summary>
/// Each instance's share of the billing runs: every Billing:PollSeconds it starts queued runs and bills batches of
/// running ones with Billing:Workers loops until none is left to claim. Several instances share a run batch by batch.
/// </summary>
internal sealed class BillingRunWorker(BillingRunner runner, IOptionsMonitor<BillingOptions> options, ILogger<BillingRunWorker> logger)
    : PeriodicWork(logger)
{
    /// <summary>This instance's name on the batches it claims; unique per process and host.</summary>
    private readonly string _owner = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    protected override TimeSpan Interval => TimeSpan.FromSeconds(options.CurrentValue.PollSeconds);

    protected override bool Enabled => options.CurrentValue.Workers > 0;

    protected override string Work => "Billing runs";

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        await runner.PlanQueuedAsync(cancellationToken);
        await Task.WhenAll(Enumerable.Range(0, options.CurrentValue.Workers).Select(async worker =>
        {
            while (await runner.BillNextBatchAsync($"{_owner}:{worker}", cancellationToken))
            {
            }
        }));
    }
}
