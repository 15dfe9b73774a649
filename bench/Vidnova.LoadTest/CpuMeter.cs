using System.Diagnostics;

namespace Vidnova.LoadTest;

/// <summary>
/// CPU used during a phase: by this load generator, by the host (when its process id is given) and by the whole
/// machine (from <c>/proc/stat</c>, Linux only), since everything shares the cores in a loopback run. Whatever the
/// machine used beyond the generator and the host was someone else's work competing with the measurement.
/// </summary>
public sealed class CpuMeter(int? hostPid)
{
    private readonly TimeSpan _generatorStart = Process.GetCurrentProcess().TotalProcessorTime;
    private readonly TimeSpan? _hostStart = ProcessorTime(hostPid);
    private readonly (long Busy, long Total)? _machineStart = MachineTicks();
    private readonly long _wallStart = Stopwatch.GetTimestamp();

    /// <returns>Use as a share of all cores (0–100 %); the host's is null without its process id, the machine's off Linux.</returns>
    public CpuUse Stop()
    {
        var wall = Stopwatch.GetElapsedTime(_wallStart).TotalSeconds * Environment.ProcessorCount;
        var generator = (Process.GetCurrentProcess().TotalProcessorTime - _generatorStart).TotalSeconds;
        double? host = _hostStart is { } hostStart && ProcessorTime(hostPid) is { } hostEnd
            ? 100.0 * (hostEnd - hostStart).TotalSeconds / wall
            : null;
        double? machine = _machineStart is { } start && MachineTicks() is { } end && end.Total > start.Total
            ? 100.0 * (end.Busy - start.Busy) / (end.Total - start.Total)
            : null;
        return new CpuUse(100.0 * generator / wall, host, machine);
    }

    private static TimeSpan? ProcessorTime(int? pid)
    {
        if (pid is not { } id)
        {
            return null;
        }

        try
        {
            using var process = Process.GetProcessById(id);
            return process.TotalProcessorTime;
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    private static (long Busy, long Total)? MachineTicks()
    {
        try
        {
            // cpu  user nice system idle iowait irq softirq steal …
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8)
                .Select(long.Parse).ToArray();
            var idle = fields[3] + fields[4];
            return (fields.Sum() - idle, fields.Sum());
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }
}

/// <param name="GeneratorPercent">This load generator.</param>
/// <param name="HostPercent">The host under test, when <c>--host-pid</c> was given.</param>
/// <param name="MachinePercent">Every process on the machine (Linux).</param>
public sealed record CpuUse(double GeneratorPercent, double? HostPercent, double? MachinePercent)
{
    /// <summary>Machine use not explained by the generator and the host: other work competing for the cores.</summary>
    public double? OtherPercent => MachinePercent is { } machine && HostPercent is { } host
        ? Math.Max(0, machine - host - GeneratorPercent)
        : null;
}
