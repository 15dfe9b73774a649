using System.Collections.Concurrent;
using System.Diagnostics;

namespace Vidnova.LoadTest;

/// <summary>
/// Sends status reads at a fixed rate whatever the server does (open loop): request <c>i</c> is due at
/// <c>start + i / rate</c> and its latency is measured from that due time, not from when it was actually sent,
/// so a slow server or a lagging generator shows up in the figures instead of quietly lowering the load
/// (coordinated omission).
/// </summary>
public sealed class OpenLoopDriver(HttpClient http, IReadOnlyList<BenchApplication> applications, int? hostPid)
{
    private const int Success = 200;
    private const int Failed = -1;

    public async Task<PhaseResult> RunAsync(double rate, double seconds, CancellationToken cancellationToken)
    {
        var total = Math.Max(1, (int)Math.Round(rate * seconds));
        var latency = new long[total];
        var lag = new long[total];
        var status = new int[total];
        var errors = new ConcurrentDictionary<string, int>();
        var tasks = new Task[total];
        var ticksPerRequest = Stopwatch.Frequency / rate;

        var cpu = new CpuMeter(hostPid);

        // The schedule runs on its own thread so that a busy thread pool delays responses, not sends.
        var start = Stopwatch.GetTimestamp();
        long DueAt(int i) => start + (long)(i * ticksPerRequest);
        var scheduler = new Thread(() =>
        {
            var next = 0;
            while (next < total && !cancellationToken.IsCancellationRequested)
            {
                var now = Stopwatch.GetTimestamp();
                for (var dueAt = DueAt(next); next < total && dueAt <= now; dueAt = DueAt(++next))
                {
                    tasks[next] = SendAsync(next, dueAt, latency, lag, status, errors);
                }

                if (next < total)
                {
                    // Sleep until the next due time (at least 1 ms); requests that fell due meanwhile go out together.
                    var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), DueAt(next));
                    Thread.Sleep(wait > TimeSpan.FromMilliseconds(1) ? wait : TimeSpan.FromMilliseconds(1));
                }
            }
        })
        { IsBackground = true, Name = "open-loop scheduler", Priority = ThreadPriority.AboveNormal };
        scheduler.Start();
        await Task.Run(scheduler.Join, cancellationToken);
        var sendingEnded = Stopwatch.GetTimestamp();
        var sent = tasks.TakeWhile(t => t is not null).ToArray();
        await Task.WhenAll(sent);
        var end = Stopwatch.GetTimestamp();
        var cpuUse = cpu.Stop();

        var ok = Enumerable.Range(0, sent.Length).Where(i => status[i] == Success).Select(i => latency[i]).Order().ToArray();
        return new PhaseResult(
            Rate: rate,
            Sent: sent.Length,
            Completed: status.Take(sent.Length).Count(s => s > 0),
            Errors: sent.Length - ok.Length,
            SendingSeconds: Stopwatch.GetElapsedTime(start, sendingEnded).TotalSeconds,
            TotalSeconds: Stopwatch.GetElapsedTime(start, end).TotalSeconds,
            Latency: LatencySummary.Of(ok),
            SendLag: LatencySummary.Of(lag.Take(sent.Length).Order().ToArray()),
            ErrorKinds: errors.OrderByDescending(e => e.Value).ToDictionary(e => e.Key, e => e.Value),
            Cpu: cpuUse);
    }

    private async Task SendAsync(int index, long dueAt, long[] latency, long[] lag, int[] status, ConcurrentDictionary<string, int> errors)
    {
        lag[index] = Stopwatch.GetTimestamp() - dueAt;
        var application = applications[index % applications.Count];
        try
        {
            using var request = application.StatusRead();
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
            latency[index] = Stopwatch.GetTimestamp() - dueAt;
            status[index] = (int)response.StatusCode;
            if (status[index] != Success)
            {
                errors.AddOrUpdate($"HTTP {status[index]}", 1, (_, n) => n + 1);
            }
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or IOException)
        {
            latency[index] = Stopwatch.GetTimestamp() - dueAt;
            status[index] = Failed;
            var kind = exception is TaskCanceledException ? "timeout" : $"{exception.GetType().Name}: {exception.Message}";
            errors.AddOrUpdate(kind, 1, (_, n) => n + 1);
        }
    }
}

/// <param name="Completed">Requests answered with any HTTP status (the rest ended in a timeout or transport error).</param>
/// <param name="Errors">Non-200 responses, timeouts and transport errors.</param>
/// <param name="SendingSeconds">From the first due time until the last request was sent.</param>
/// <param name="TotalSeconds">From the first due time until the last response.</param>
/// <param name="Latency">Of the 200 responses, from each request's due time to the end of its response body.</param>
/// <param name="SendLag">How late the generator sent requests after their due time.</param>
/// <param name="Cpu">CPU used during the phase by the generator, the host and the whole machine.</param>
public sealed record PhaseResult(
    double Rate,
    int Sent,
    int Completed,
    int Errors,
    double SendingSeconds,
    double TotalSeconds,
    LatencySummary Latency,
    LatencySummary SendLag,
    IReadOnlyDictionary<string, int> ErrorKinds,
    CpuUse Cpu)
{
    public double AchievedPerSecond => TotalSeconds > 0 ? (Completed - Errors) / TotalSeconds : 0;
}

/// <summary>Nearest-rank percentiles, in milliseconds.</summary>
public sealed record LatencySummary(double P50, double P90, double P99, double Max)
{
    public static LatencySummary Of(long[] sortedTicks) =>
        sortedTicks.Length == 0
            ? new LatencySummary(double.NaN, double.NaN, double.NaN, double.NaN)
            : new LatencySummary(At(sortedTicks, 0.50), At(sortedTicks, 0.90), At(sortedTicks, 0.99), Ms(sortedTicks[^1]));

    private static double At(long[] sorted, double quantile) =>
        Ms(sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Length) - 1, 0, sorted.Length - 1)]);

    private static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
