using System.Threading.Channels;

namespace Vidnova.Outbox;

/// <summary>
/// Lets a request that just committed outbox rows wake the worker that delivers them instead of waiting for its next
/// poll. Each kind of row has its own (a subclass registered as a singleton), so mail does not wake the DSO lanes.
/// </summary>
public abstract class OutboxWakeUp
{
    // One pending wake-up is enough however many requests commit before the worker looks.
    private readonly Channel<bool> _wakeUps = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Notify() => _wakeUps.Writer.TryWrite(true);

    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        try
        {
            await _wakeUps.Reader.ReadAsync(timer.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The poll interval passed without a wake-up.
        }
    }
}
