using Microsoft.Extensions.Options;
using Vidnova.Kernel;

namespace Vidnova.Billing.Runs;

/// <summary>
/// <c>dotnet Vidnova.Web.dll bill 2026-11</c>, for cron: runs the period's billing to the end in this process (with
/// any instances that share it) and exits 0 when it completed, 2 when it completed with accounts that failed, 1 on
/// an error or a failed run.
/// </summary>
public static class BillCommand
{
    public const string Verb = "bill";

    public static async Task<int> RunAsync(IServiceProvider services, string periodText, TextWriter output, CancellationToken cancellationToken)
    {
        if (!BillingPeriod.TryParse(periodText, out var period))
        {
            await output.WriteLineAsync($"'{periodText}' is not a billing period; write it yyyy-MM, e.g. 2026-11.");
            return 1;
        }

        var runner = services.GetRequiredService<BillingRunner>();
        var options = services.GetRequiredService<IOptionsMonitor<BillingOptions>>();
        var owner = $"{Environment.MachineName}:{Environment.ProcessId}:cli";
        try
        {
            // The same start as the API's and the back office's, with its rules (a period that has not ended is refused).
            BillingRun run;
            await using (var scope = services.CreateAsyncScope())
            {
                run = await scope.ServiceProvider.GetRequiredService<StartBillingRun>().HandleAsync(period.Value.ToString(), "cli", cancellationToken);
            }

            await output.WriteLineAsync($"Billing run {run.Id} for {period}");
            while (true)
            {
                await runner.PlanQueuedAsync(cancellationToken);
                var workers = Math.Max(1, options.CurrentValue.Workers);
                await Task.WhenAll(Enumerable.Range(0, workers).Select(async worker =>
                {
                    while (await runner.BillNextBatchAsync($"{owner}:{worker}", cancellationToken))
                    {
                    }
                }));
                run = (await runner.FindAsync(run.Id, cancellationToken))!;
                if (run.Status is BillingRunStatus.Completed or BillingRunStatus.Failed)
                {
                    break;
                }

                // Batches held by other instances, or waiting for a retry: look again shortly.
                await Task.Delay(TimeSpan.FromSeconds(options.CurrentValue.PollSeconds), cancellationToken);
            }

            await output.WriteLineAsync($"{BillingRunsApi.StatusName(run.Status)}: {run.Accounts} accounts, {run.Billed} billed ({run.Estimated} estimated), "
                + $"{run.Skipped} skipped, {run.Failed} failed");
            return run.Status == BillingRunStatus.Failed ? 1 : run.Failed > 0 ? 2 : 0;
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            await output.WriteLineAsync($"Billing {period} failed: {error.Message}");
            return 1;
        }
    }
}
