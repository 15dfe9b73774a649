using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Vidnova.Accounts;
using Vidnova.Kernel;
using Vidnova.Persistence;

namespace Vidnova.Billing.Runs;

/// <summary>
/// Queues, plans and finishes billing runs, and bills their batches one claim at a time (ADR 0008). Every step is
/// safe on several instances at once: a run is planned by the one instance whose update moved it from queued to
/// running, a batch is billed by the holder of its lease, and a run is finished by whichever instance sees no batch left.
/// </summary>
internal sealed class BillingRunner(IServiceScopeFactory scopes, IClock clock, IOptionsMonitor<BillingOptions> options, ILogger<BillingRunner> logger)
{
    /// <summary>The period's queued or running run, or a new queued one: a rerun bills only what is still missing.</summary>
    public async Task<BillingRun> QueueAsync(BillingPeriod period, string by, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VidnovaDbContext>();
        var active = await db.Set<BillingRun>().AsNoTracking()
            .FirstOrDefaultAsync(r => r.Period == period && (r.Status == BillingRunStatus.Queued || r.Status == BillingRunStatus.Running), cancellationToken);
        if (active is not null)
        {
            return active;
        }

        var run = BillingRun.Queue(period, clock.GetCurrentInstant(), by);
        db.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        return run;
    }

    /// <summary>Cuts every queued run into batches of accounts and starts it; returns how many this instance started.</summary>
    public async Task<int> PlanQueuedAsync(CancellationToken cancellationToken)
    {
        var started = 0;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VidnovaDbContext>();
        var accounts = scope.ServiceProvider.GetRequiredService<IPersonalAccounts>();
        var queued = await db.Set<BillingRun>().Where(r => r.Status == BillingRunStatus.Queued).Select(r => r.Id).ToListAsync(cancellationToken);
        foreach (var runId in queued)
        {
            var now = clock.GetCurrentInstant();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            // Set-based, so of two instances planning at once only one moves the run (the other's update finds it running).
            var mine = await db.Set<BillingRun>().Where(r => r.Id == runId && r.Status == BillingRunStatus.Queued)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, BillingRunStatus.Running).SetProperty(r => r.StartedAt, (Instant?)now), cancellationToken);
            if (mine == 0)
            {
                continue;
            }

            var ranges = await accounts.RangesAsync(options.CurrentValue.BatchSize, cancellationToken);
            db.AddRange(ranges.Select((range, i) => BillingRunBatch.Plan(runId, range.From, range.To, range.Count, now, i)));
            await db.SaveChangesAsync(cancellationToken);
            var total = ranges.Sum(r => r.Count);
            await db.Set<BillingRun>().Where(r => r.Id == runId).ExecuteUpdateAsync(s => s.SetProperty(r => r.Accounts, total), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
            started++;
            logger.LogInformation("Billing run {Run} started: {Accounts} accounts in {Batches} batches", runId, total, ranges.Count);
            await FinishAsync(db, runId, cancellationToken);
        }

        return started;
    }

    /// <summary>Claims one due batch of any running run and bills it; false when there was none to claim.</summary>
    public async Task<bool> BillNextBatchAsync(string owner, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var lease = Duration.FromSeconds(settings.LeaseSeconds);
        Guid batchId;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var claimed = await scope.ServiceProvider.GetRequiredService<BillingRunBatchClaims>()
                .ClaimDueAsync(owner, clock.GetCurrentInstant(), lease, 1, cancellationToken);
            if (claimed.Count == 0)
            {
                return false;
            }

            batchId = claimed[0];
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            if (!await scope.ServiceProvider.GetRequiredService<BatchBilling>().BillAsync(batchId, owner, cancellationToken))
            {
                logger.LogWarning("Billing batch {Batch} was taken over by another instance; nothing written by {Owner}", batchId, owner);
            }
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            logger.LogError(error, "Billing batch {Batch} failed; it will be tried again", batchId);
            await FailAttemptAsync(batchId, owner, error, cancellationToken);
        }

        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<VidnovaDbContext>();
            var runId = await db.Set<BillingRunBatch>().Where(b => b.Id == batchId).Select(b => b.RunId).SingleAsync(cancellationToken);
            await FinishAsync(db, runId, cancellationToken);
        }

        return true;
    }

    /// <summary>The run as it stands, or null.</summary>
    public async Task<BillingRun?> FindAsync(Guid runId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<VidnovaDbContext>().Set<BillingRun>().AsNoTracking()
            .SingleOrDefaultAsync(r => r.Id == runId, cancellationToken);
    }

    private async Task FailAttemptAsync(Guid batchId, string owner, Exception error, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VidnovaDbContext>();
        var batch = await db.Set<BillingRunBatch>().SingleAsync(b => b.Id == batchId, cancellationToken);
        if (batch.ClaimedBy != owner || batch.CompletedAt is not null || batch.FailedAt is not null)
        {
            return;
        }

        var settings = options.CurrentValue;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (batch.FailAttempt(error.Message, clock.GetCurrentInstant(), Duration.FromSeconds(settings.PollSeconds), settings.MaxAttempts))
        {
            logger.LogError("Billing batch {Batch} failed {Attempts} times; its {Accounts} accounts count as failed", batchId, batch.Attempts, batch.Accounts);
            await db.Set<BillingRun>().Where(r => r.Id == batch.RunId)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Failed, r => r.Failed + batch.Accounts), cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Completes the run (failed when a batch failed for good) once no batch is left; a no-op otherwise or when another instance did it.</summary>
    private async Task FinishAsync(VidnovaDbContext db, Guid runId, CancellationToken cancellationToken)
    {
        var batches = db.Set<BillingRunBatch>().Where(b => b.RunId == runId);
        if (await batches.AnyAsync(b => b.CompletedAt == null && b.FailedAt == null, cancellationToken))
        {
            return;
        }

        var status = await batches.AnyAsync(b => b.FailedAt != null, cancellationToken) ? BillingRunStatus.Failed : BillingRunStatus.Completed;
        var now = clock.GetCurrentInstant();
        if (await db.Set<BillingRun>().Where(r => r.Id == runId && r.Status == BillingRunStatus.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, status).SetProperty(r => r.FinishedAt, (Instant?)now), cancellationToken) > 0)
        {
            logger.LogInformation("Billing run {Run} {Status}", runId, status);
        }
    }
}
