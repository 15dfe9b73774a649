using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;

namespace Vidnova.LoadTest;

/// <summary>
/// The real status read beside its floor (bench/Vidnova.ReadFloor: the same JSON behind one indexed lookup and a
/// token hash, on the same database) in one run: each application's real response is copied to the floor, then both
/// are measured the same way, alternately, so that what the machine does meanwhile weighs on both alike:
/// <list type="bullet">
/// <item>capacity: <c>--capacity-connections</c> connections each sending its next request as soon as the last one
/// answered (closed loop), for <c>--duration</c> seconds: the requests per second each can serve;</item>
/// <item>latency: the open-loop <c>--rate</c> for <c>--duration</c> seconds, as in the status mode.</item>
/// </list>
/// Every figure is then a ratio to the floor.
/// </summary>
public sealed class FloorComparison(HttpClient product, HttpClient floor, IReadOnlyList<BenchApplication> applications, LoadTestOptions options, TextWriter log)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        await CopyResponsesAsync(cancellationToken);
        (string Name, HttpClient Http)[] targets = [("product", product), ("floor", floor)];
        if (options.WarmupSeconds > 0)
        {
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Warm-up: {options.WarmupSeconds:0.#} s closed loop on each (not counted)…"));
            foreach (var (_, http) in targets)
            {
                await CapacityAsync(http, options.WarmupSeconds, cancellationToken);
            }
        }

        var capacity = targets.ToDictionary(t => t.Name, _ => new List<CapacityResult>());
        var openLoop = targets.ToDictionary(t => t.Name, _ => new List<PhaseResult>());
        for (var round = 1; round <= options.Rounds; round++)
        {
            foreach (var (name, http) in targets)
            {
                var result = await CapacityAsync(http, options.DurationSeconds, cancellationToken);
                capacity[name].Add(result);
                log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  round {round} {name,-8} capacity {result.PerSecond,8:F0} req/s  p99 {result.Latency.P99:F2} ms  errors {result.Errors}"));
            }

            foreach (var (name, http) in targets)
            {
                var result = await new OpenLoopDriver(http, applications, options.HostPid).RunAsync(options.Rate, options.DurationSeconds, cancellationToken);
                openLoop[name].Add(result);
                log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  round {round} {name,-8} at {options.Rate:0}/s  p50 {result.Latency.P50:F2}  p99 {result.Latency.P99:F2} ms  errors {result.Errors}"));
            }
        }

        Print(capacity, openLoop);
        return capacity.Values.SelectMany(r => r).Any(r => r.Errors > 0) || openLoop.Values.SelectMany(r => r).Any(r => r.Errors > 0) ? 1 : 0;
    }

    private void Print(Dictionary<string, List<CapacityResult>> capacity, Dictionary<string, List<PhaseResult>> openLoop)
    {
        var c = CultureInfo.InvariantCulture;
        // The median round of each: one disturbed round does not move it.
        double Median(IEnumerable<double> values)
        {
            var sorted = values.Order().ToArray();
            return sorted[sorted.Length / 2];
        }

        var capacityPerSecond = capacity.ToDictionary(c => c.Key, c => Median(c.Value.Select(r => r.PerSecond)));
        log.WriteLine();
        log.WriteLine(string.Create(c,
            $"| endpoint | capacity req/s ({options.CapacityConnections} conn., median of {options.Rounds}) | capacity p99 ms | p50 ms at {options.Rate:0}/s | p99 ms at {options.Rate:0}/s | errors |"));
        log.WriteLine("|---|---|---|---|---|---|");
        foreach (var name in capacity.Keys)
        {
            log.WriteLine(string.Create(c,
                $"| {name} | {capacityPerSecond[name]:F0} | {Median(capacity[name].Select(r => r.Latency.P99)):F2} | {Median(openLoop[name].Select(r => r.Latency.P50)):F2} | {Median(openLoop[name].Select(r => r.Latency.P99)):F2} | {capacity[name].Sum(r => r.Errors) + openLoop[name].Sum(r => r.Errors)} |"));
        }

        log.WriteLine();
        log.WriteLine(string.Create(c, $"ratio (product / floor capacity): {capacityPerSecond["product"] / capacityPerSecond["floor"]:F2}"));
    }

    /// <summary>Puts each application's real response, byte for byte, behind the floor's lookup.</summary>
    private async Task CopyResponsesAsync(CancellationToken cancellationToken)
    {
        log.WriteLine($"Copying {applications.Count} responses to the floor…");
        await Parallel.ForEachAsync(applications, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (application, ct) =>
        {
            using var read = application.StatusRead();
            using var response = await product.SendAsync(read, ct);
            response.EnsureSuccessStatusCode();
            var body = await response.Content.ReadAsByteArrayAsync(ct);
            using var store = new HttpRequestMessage(HttpMethod.Put, $"floor/{application.Id}") { Content = new ByteArrayContent(body) };
            store.Headers.Authorization = new AuthenticationHeaderValue("Bearer", application.AccessToken);
            using var stored = await floor.SendAsync(store, ct);
            stored.EnsureSuccessStatusCode();
        });
    }

    private async Task<CapacityResult> CapacityAsync(HttpClient http, double seconds, CancellationToken cancellationToken)
    {
        var latencies = new ConcurrentBag<long[]>();
        var errors = 0;
        var start = Stopwatch.GetTimestamp();
        var end = start + (long)(seconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, options.CapacityConnections).Select(connection => Task.Run(async () =>
        {
            var mine = new List<long>();
            for (var i = connection; Stopwatch.GetTimestamp() < end && !cancellationToken.IsCancellationRequested; i += options.CapacityConnections)
            {
                var application = applications[i % applications.Count];
                var sent = Stopwatch.GetTimestamp();
                try
                {
                    using var request = application.StatusRead();
                    using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
                    if (response.IsSuccessStatusCode)
                    {
                        mine.Add(Stopwatch.GetTimestamp() - sent);
                    }
                    else
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
                catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or IOException)
                {
                    Interlocked.Increment(ref errors);
                }
            }

            latencies.Add([.. mine]);
        }, cancellationToken)));
        var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new CapacityResult(all.Length, errors, elapsed, LatencySummary.Of(all));
    }
}

/// <summary>What a closed loop got through: 200s, failures, over how long, and the 200s' latency.</summary>
public sealed record CapacityResult(int Requests, int Errors, double Seconds, LatencySummary Latency)
{
    public double PerSecond => Seconds > 0 ? Requests / Seconds : 0;
}
