using System.Diagnostics;
using System.Text.Json;

namespace Vidnova.Tests.Infrastructure;

/// <summary>
/// The standalone DSO simulator (<c>src/Vidnova.Simulator</c>) run as its own process on 127.0.0.1, the way a DSO's
/// developer or a demo runs it beside the host: <c>dotnet Vidnova.Simulator.dll --Simulator:…</c>.
/// </summary>
public sealed class SimulatorProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly HttpClient _http;

    private SimulatorProcess(Process process, Uri baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
        _http = new HttpClient { BaseAddress = baseUrl };
    }

    public Uri BaseUrl { get; }

    public Uri WebhookUrl => new(BaseUrl, "/webhook");

    public static async Task<SimulatorProcess> StartAsync(IReadOnlyDictionary<string, string> settings)
    {
        var port = LoopbackPort.Free();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(AssemblyPath());
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        foreach (var (key, value) in settings)
        {
            start.ArgumentList.Add($"--Simulator:{key}={value}");
        }

        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the DSO simulator.");
        // Drained so a chatty simulator never blocks on a full pipe.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var simulator = new SimulatorProcess(process, new Uri($"http://127.0.0.1:{port}"));
        await Eventually.TrueAsync(simulator.AnswersAsync, TimeSpan.FromSeconds(30), () => "The DSO simulator did not start.");
        return simulator;
    }

    private async Task<bool> AnswersAsync()
    {
        if (_process.HasExited)
        {
            throw new InvalidOperationException($"The DSO simulator exited with code {_process.ExitCode}.");
        }

        try
        {
            return (await _http.GetAsync("/")).IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    public async Task<JsonElement> StatsAsync() => JsonDocument.Parse(await _http.GetStringAsync("/stats")).RootElement;

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    /// <summary>The simulator's build output beside this test assembly's, in the same configuration.</summary>
    private static string AssemblyPath()
    {
        // tests/Vidnova.Tests/bin/{Configuration}/{framework}/ → src/Vidnova.Simulator/bin/{Configuration}/{framework}/
        var framework = new DirectoryInfo(AppContext.BaseDirectory);
        var configuration = framework.Parent!;
        var repository = configuration.Parent!.Parent!.Parent!.Parent!;
        var path = Path.Combine(repository.FullName, "src", "Vidnova.Simulator", "bin", configuration.Name, framework.Name, "Vidnova.Simulator.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build the solution first: the DSO simulator is not built.", path);
    }
}
