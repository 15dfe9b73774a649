using System.Collections.Concurrent;
using NodaTime;
using Vidnova.Persistence;

namespace Vidnova.Outbox;

/// <summary>
/// Delivers the due rows of one outbox table through its <see cref="IOutboxChannel{TRow}"/>. The rows are written in
/// the same transaction as the change that caused them (ADR 0002), so nothing is lost between the two. Each lane
/// (a DSO, or all mail) runs on its own, at most <see cref="OutboxSchedule.MaxLanes"/> at once, so a lane whose
/// endpoint hangs until the timeout delays only its own rows. Rows are claimed first (<see cref="LeaseClaims"/>)
/// under a lease that a heartbeat renews while this instance works on them, so any number of instances can run this
/// at once and a crashed one's work is taken over within a lease. Retries, backoff and dead letters are the
/// channel's: they differ by what is delivered.
/// </summary>
internal sealed class OutboxWorker<TRow>(
    IServiceScopeFactory scopes,
    IOutboxChannel<TRow> channel,
    IClock clock,
    ILogger<OutboxWorker<TRow>> logger) : BackgroundService
{
    private const int BatchSize = 20;

    private readonly string _owner = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <summary>The lanes running in the background; a lane never runs twice on one instance.</summary>
    private readonly ConcurrentDictionary<string, Task> _lanes = new();

    /// <summary>
    /// The rows a running lane has claimed and not finished yet: the only ones the heartbeat renews, so that the
    /// claims of a lane that died mid-batch lapse instead of being renewed for ever.
    /// </summary>
    private readonly ConcurrentDictionary<Guid, byte> _inFlight = new();

    private Duration Lease => channel.Schedule.Lease;

    private int MaxLanes => Math.Max(1, channel.Schedule.MaxLanes);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!channel.Schedule.Enabled)
        {
            logger.LogInformation("{Outbox} is switched off on this instance", channel.Name);
            return;
        }

        var heartbeat = RenewLeasesAsync(stoppingToken);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await StartLanesAsync(stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    logger.LogError(exception, "{Outbox} failed; will retry on the next poll", channel.Name);
                }

                await channel.Signal.WaitAsync(channel.Schedule.PollInterval, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: fall through to release what this instance still holds.
        }
        finally
        {
            await Task.WhenAll(_lanes.Values.Append(heartbeat));
            await ReleaseClaimsAsync();
        }
    }

    /// <summary>
    /// One pass at the current time: every lane with due rows gets one batch, the lanes in parallel up to
    /// <see cref="OutboxSchedule.MaxLanes"/>; returns how many rows it claimed.
    /// </summary>
    public async Task<int> DispatchDueAsync(CancellationToken cancellationToken)
    {
        var lanes = await DueLanesAsync([], int.MaxValue, cancellationToken);
        using var gate = new SemaphoreSlim(MaxLanes);
        var claimed = await Task.WhenAll(lanes.Select(async lane =>
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                return await DispatchDueAsync(lane, cancellationToken);
            }
            finally
            {
                gate.Release();
            }
        }));
        return claimed.Sum();
    }

    /// <summary>Starts each lane with due, unclaimed rows that is not running, while lanes are free.</summary>
    private async Task StartLanesAsync(CancellationToken stoppingToken)
    {
        var free = MaxLanes - _lanes.Count;
        if (free <= 0)
        {
            return;
        }

        foreach (var lane in await DueLanesAsync([.. _lanes.Keys], free, stoppingToken))
        {
            // The lane starts once it is registered, so that it cannot end (and unregister) before it is in the table.
            var registered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _lanes[lane] = RunLaneAsync(lane, registered.Task, stoppingToken);
            registered.SetResult();
        }
    }

    /// <summary>A lane: its due rows one after another, batch by batch, until none is left; then it ends.</summary>
    private async Task RunLaneAsync(string lane, Task registered, CancellationToken stoppingToken)
    {
        await registered;
        try
        {
            while (await DispatchDueAsync(lane, stoppingToken) > 0)
            {
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogError(exception, "{Outbox} to lane {Lane} failed; will retry on the next poll", channel.Name, lane);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down; what is claimed is released by the caller.
        }
        finally
        {
            _lanes.TryRemove(lane, out _);
            // Rows for this lane committed while it ran were skipped by the main loop: look again now.
            channel.Signal.Notify();
        }
    }

    private async Task<IReadOnlyList<string>> DueLanesAsync(IReadOnlyCollection<string> busy, int limit, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await channel.DueLanesAsync(scope.ServiceProvider.GetRequiredService<VidnovaDbContext>(), busy, limit,
            clock.GetCurrentInstant(), cancellationToken);
    }

    /// <summary>Every third of the lease, extends the lease of the rows in flight (see <see cref="LeaseClaims.RenewAsync"/>).</summary>
    private async Task RenewLeasesAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay((Lease / 3).ToTimeSpan(), stoppingToken);
                await using var scope = scopes.CreateAsyncScope();
                await channel.Claims(scope.ServiceProvider.GetRequiredService<VidnovaDbContext>())
                    .RenewAsync(_owner, [.. _inFlight.Keys], clock.GetCurrentInstant(), Lease, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "Could not renew the {Outbox} claims; they lapse after {Lease} unless renewed", channel.Name, Lease);
            }
        }
    }

    /// <summary>Claims and attempts one batch of one lane's due rows, oldest first; returns how many it claimed.</summary>
    private async Task<int> DispatchDueAsync(string lane, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VidnovaDbContext>();
        var claimed = await channel.ClaimAsync(db, lane, _owner, clock.GetCurrentInstant(), Lease, BatchSize, cancellationToken);
        if (claimed.Count == 0)
        {
            return 0;
        }

        foreach (var id in claimed)
        {
            _inFlight[id] = 0;
        }

        try
        {
            foreach (var attempt in await channel.PrepareAsync(db, lane, claimed, cancellationToken))
            {
                await attempt.RunAsync(cancellationToken);
                await db.SaveChangesAsync(CancellationToken.None);
                _inFlight.TryRemove(attempt.Id, out _);
            }
        }
        finally
        {
            // Whatever the batch did not finish (it was cut short by an error or shutdown) is given back at once.
            var unfinished = claimed.Where(id => _inFlight.TryRemove(id, out _)).ToList();
            await ReleaseAsync(unfinished);
        }

        return claimed.Count;
    }

    private async Task ReleaseAsync(List<Guid> ids)
    {
        if (ids.Count == 0)
        {
            return;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await channel.Claims(scope.ServiceProvider.GetRequiredService<VidnovaDbContext>()).ReleaseAsync(_owner, ids, CancellationToken.None);
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Could not release {Count} unfinished {Outbox} claims; they lapse after {Lease}", ids.Count, channel.Name, Lease);
        }
    }

    private async Task ReleaseClaimsAsync()
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var released = await channel.Claims(scope.ServiceProvider.GetRequiredService<VidnovaDbContext>()).ReleaseAsync(_owner, CancellationToken.None);
            if (released > 0)
            {
                logger.LogInformation("Released {Count} claimed {Outbox} rows on shutdown", released, channel.Name);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogWarning(exception, "Could not release the {Outbox} claims on shutdown; they lapse after {Lease}", channel.Name, Lease);
        }
    }
}
