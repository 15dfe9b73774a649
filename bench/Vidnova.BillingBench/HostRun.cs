using System.Diagnostics;

namespace Vidnova.BillingBench;

/// <summary>
/// The product's host as a child process (<c>dotnet Vidnova.Web.dll …</c>, copied beside the bench), with its wall
/// time and its peak resident memory (VmHWM, read from /proc while it runs).
/// </summary>
internal static class HostRun
{
    public static async Task<(TimeSpan Wall, long PeakBytes, string Output)> RunAsync(IReadOnlyDictionary<string, string> environment,
        CancellationToken cancellationToken, params string[] arguments)
    {
        var host = Path.Combine(AppContext.BaseDirectory, "Vidnova.Web.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(host);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the host.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        long peak = 0;
        while (!process.HasExited)
        {
            peak = Math.Max(peak, PeakResidentBytes(process.Id));
            await Task.Delay(200, cancellationToken);
        }

        await process.WaitForExitAsync(cancellationToken);
        var wall = clock.Elapsed;
        var text = await output + await errors;
        // The bill verb exits 2 when the run completed with accounts that failed: the bench reports them.
        if (process.ExitCode is not (0 or 2))
        {
            throw new InvalidOperationException($"dotnet Vidnova.Web.dll {string.Join(' ', arguments)} exited {process.ExitCode}:\n{text}");
        }

        return (wall, peak, text);
    }

    private static long PeakResidentBytes(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return 0; // it has just exited
        }
    }
}
