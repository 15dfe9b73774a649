using System.Globalization;

namespace Vidnova.LoadTest;

public static class Report
{
    public static void Print(TextWriter output, LoadTestOptions options, PhaseResult result)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine();
        output.WriteLine(string.Create(c, $"target rate        {result.Rate:0.#}/s for {options.DurationSeconds:0.#} s ({options.Applications} applications, {options.Concurrency} connections at most)"));
        output.WriteLine(string.Create(c, $"requests sent      {result.Sent} (over {result.SendingSeconds:F2} s)"));
        output.WriteLine(string.Create(c, $"completed          {result.Completed} (HTTP responses of any status)"));
        output.WriteLine(string.Create(c, $"errors             {result.Errors} (non-200, timeouts, transport errors)"));
        foreach (var (kind, count) in result.ErrorKinds.Take(5))
        {
            output.WriteLine(string.Create(c, $"                   {count} × {kind}"));
        }

        output.WriteLine(string.Create(c, $"achieved           {result.AchievedPerSecond:F1} req/s (200s over {result.TotalSeconds:F2} s, first due time to last response)"));
        output.WriteLine(string.Create(c, $"latency (ms)       p50 {result.Latency.P50:F2}  p90 {result.Latency.P90:F2}  p99 {result.Latency.P99:F2}  max {result.Latency.Max:F2}  (200s, from due time)"));
        output.WriteLine(string.Create(c, $"generator lag (ms) p50 {result.SendLag.P50:F2}  p99 {result.SendLag.P99:F2}  max {result.SendLag.Max:F2}  (send time − due time)"));
        output.WriteLine(string.Create(c,
            $"cpu (% of {Environment.ProcessorCount} cores) generator {result.Cpu.GeneratorPercent:F0}  host {Percent(result.Cpu.HostPercent)}  other processes {Percent(result.Cpu.OtherPercent)}  machine {Percent(result.Cpu.MachinePercent)}"));
        output.WriteLine();
        output.WriteLine("| rate/s | sent | completed | errors | achieved req/s | p50 ms | p90 ms | p99 ms | max ms |");
        output.WriteLine(string.Create(c,
            $"| {result.Rate:0.#} | {result.Sent} | {result.Completed} | {result.Errors} | {result.AchievedPerSecond:F1} | {result.Latency.P50:F2} | {result.Latency.P90:F2} | {result.Latency.P99:F2} | {result.Latency.Max:F2} |"));
    }

    private static string Percent(double? value) => value is { } v ? v.ToString("F0", CultureInfo.InvariantCulture) : "n/a";
}
