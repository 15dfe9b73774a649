using System.Globalization;
using Vidnova.LoadTest;

LoadTestOptions options;
try
{
    options = LoadTestOptions.Parse(args);
}
catch (UsageException exception)
{
    if (exception.Message.Length > 0)
    {
        Console.Error.WriteLine(exception.Message);
        Console.Error.WriteLine();
    }

    Console.Error.WriteLine(LoadTestOptions.Usage);
    return exception.Message.Length > 0 ? 2 : 0;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

using var handler = new SocketsHttpHandler
{
    MaxConnectionsPerServer = options.Concurrency,
    PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
    PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
    ConnectTimeout = TimeSpan.FromSeconds(5),
    UseCookies = false,
    AutomaticDecompression = System.Net.DecompressionMethods.None,
};
using var http = new HttpClient(handler, disposeHandler: false)
{
    BaseAddress = options.BaseUrl,
    Timeout = TimeSpan.FromSeconds(options.TimeoutSeconds),
};

var invariant = CultureInfo.InvariantCulture;
Console.WriteLine(string.Create(invariant,
    $"Vidnova load test → {options.BaseUrl}  run {options.RunId}: accounts {options.AccountNumber(1)}…{options.AccountNumber(options.Applications)}"));

if (options.Mode is "dso-latency" or "dso-lanes")
{
    try
    {
        return options.Mode == "dso-lanes"
            ? await new DsoLanes(http, options, Console.Out).RunAsync(cancel.Token)
            : await new DsoLatency(http, options, Console.Out).RunAsync(cancel.Token);
    }
    catch (Exception exception) when (exception is SetupException or HttpRequestException or TaskCanceledException)
    {
        Console.Error.WriteLine($"Failed: {exception.Message}");
        return 2;
    }
}

IReadOnlyList<BenchApplication> applications;
var setupClock = System.Diagnostics.Stopwatch.StartNew();
try
{
    Console.WriteLine(string.Create(invariant, $"Setting up DSO {BenchData.DsoCode}, {options.Applications} accounts and applications…"));
    applications = await new BenchData(http, options, Console.Out).CreateAsync(cancel.Token);
}
catch (Exception exception) when (exception is SetupException or HttpRequestException or TaskCanceledException)
{
    Console.Error.WriteLine($"Setup failed: {exception.Message}");
    return 2;
}

Console.WriteLine(string.Create(invariant, $"Set up in {setupClock.Elapsed.TotalSeconds:F1} s."));

if (options.FloorUrl is { } floorUrl)
{
    using var floor = new HttpClient(handler, disposeHandler: false) { BaseAddress = floorUrl, Timeout = TimeSpan.FromSeconds(options.TimeoutSeconds) };
    try
    {
        return await new FloorComparison(http, floor, applications, options, Console.Out).RunAsync(cancel.Token);
    }
    catch (OperationCanceledException) when (cancel.IsCancellationRequested)
    {
        Console.Error.WriteLine("Interrupted.");
        return 1;
    }
}

var driver = new OpenLoopDriver(http, applications, options.HostPid);
try
{
    if (options.WarmupSeconds > 0)
    {
        Console.WriteLine(string.Create(invariant, $"Warm-up: {options.Rate:0.#}/s for {options.WarmupSeconds:0.#} s (not counted)…"));
        var warmup = await driver.RunAsync(options.Rate, options.WarmupSeconds, cancel.Token);
        Console.WriteLine(string.Create(invariant,
            $"  warm-up: {warmup.Sent} sent, {warmup.Errors} errors, p99 {warmup.Latency.P99:F1} ms"));
    }

    Console.WriteLine(string.Create(invariant,
        $"Measuring: GET /api/v1/restoration-applications/{{id}} at {options.Rate:0.#}/s for {options.DurationSeconds:0.#} s, " +
        $"{options.Concurrency} connections at most, open loop…"));
    var result = await driver.RunAsync(options.Rate, options.DurationSeconds, cancel.Token);
    Report.Print(Console.Out, options, result);
    return result.Errors > 0 ? 1 : 0;
}
catch (OperationCanceledException) when (cancel.IsCancellationRequested)
{
    Console.Error.WriteLine("Interrupted.");
    return 1;
}
