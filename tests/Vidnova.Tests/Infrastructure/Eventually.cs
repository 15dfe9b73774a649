namespace Vidnova.Tests.Infrastructure;

/// <summary>
/// Waits for what a background worker (outbox, DSO dispatcher, mailbox poller, OCR) does in its own time: polls
/// until the probe yields, and otherwise fails saying what was last seen.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    public static async Task<T> ValueAsync<T>(Func<Task<T?>> probe, TimeSpan within, Func<string> lastSeen)
        where T : class
    {
        var giveUpAt = DateTime.UtcNow + within;
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            Assert.True(DateTime.UtcNow < giveUpAt, lastSeen());
            await Task.Delay(Interval);
        }
    }

    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan within, Func<string> lastSeen)
    {
        var giveUpAt = DateTime.UtcNow + within;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < giveUpAt, lastSeen());
            await Task.Delay(Interval);
        }
    }
}
