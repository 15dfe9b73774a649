namespace Vidnova.Shared;

/// <summary>
/// A job each instance runs at once on start and then every <see cref="Interval"/>: a failed pass is logged and the
/// next tick tries again, so one bad row or a database blip never stops the job. The passes themselves must be safe
/// on several instances at once (a version check or a lease), because every instance runs them.
/// </summary>
internal abstract class PeriodicWork(ILogger logger) : BackgroundService
{
    protected virtual TimeSpan Interval => TimeSpan.FromMinutes(1);

    /// <summary>False keeps this instance out of the job (another instance does it).</summary>
    protected virtual bool Enabled => true;

    /// <summary>What a pass does, for the log line of a failed one: "Reminding DSOs of deadlines".</summary>
    protected abstract string Work { get; }

    protected abstract Task RunOnceAsync(CancellationToken cancellationToken);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "{Work} failed; will retry", Work);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
