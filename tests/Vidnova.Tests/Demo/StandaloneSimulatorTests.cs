using Microsoft.AspNetCore.Hosting;
using NodaTime;
using Vidnova.Persistence;
using Vidnova.Tests.Infrastructure;

namespace Vidnova.Tests.Demo;

/// <summary>A host on a real port with a DSO whose webhook is the standalone simulator, run as its own process.</summary>
public sealed class SimulatorBesideHostApp : VidnovaApp
{
    public SimulatorBesideHostApp()
        : base(DatabaseProvider.Sqlite)
    {
        // The simulator signs with the real time, so the host's clock starts there too.
        Clock.Reset(SystemClock.Instance.GetCurrentInstant());
        UseKestrel(Port);
    }

    public int Port { get; } = LoopbackPort.Free();

    public Uri BaseUrl => new($"http://127.0.0.1:{Port}");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Vidnova:PublicBaseUrl", BaseUrl.AbsoluteUri);
        DemoApp.UseFastDsoRetries(builder);
    }
}

public sealed class StandaloneSimulatorTests(SimulatorBesideHostApp app) : IClassFixture<SimulatorBesideHostApp>
{
    private const string Secret = "whsec_standalone_simulator_0123";

    [Fact]
    public async Task TheSimulatorProcess_FailingHalfItsCalls_GetsEachRequestOnce_AndEveryApplicationCompletes()
    {
        app.StartServer();
        await using var simulator = await SimulatorProcess.StartAsync(new Dictionary<string, string>
        {
            ["DsoCode"] = "standalone-dso",
            ["Secret"] = Secret,
            ["VidnovaBaseUrl"] = app.BaseUrl.AbsoluteUri.TrimEnd('/'),
            ["ReceivedAfterSeconds"] = "0",
            ["CompletedAfterSeconds"] = "0.5",
            ["FailPercent"] = "50",
        });
        var scenario = new Scenario(app);
        await scenario.RegisterWebhookDsoAsync("standalone-dso", simulator.WebhookUrl, Secret);
        var sent = new List<Vidnova.Restoration.ApplicationResponse>();
        for (var i = 1; i <= 4; i++)
        {
            var account = $"46000000{i:00}";
            await scenario.PutAccountAsync(account, dso: "standalone-dso");
            sent.Add(await scenario.SentToDsoAsync(account));
        }

        await scenario.AllRestoredAsync(sent, () => app.Clock.Reset(SystemClock.Instance.GetCurrentInstant()));

        var stats = await simulator.StatsAsync();
        int Stat(string name) => stats.GetProperty(name).GetInt32();
        Assert.Equal(sent.Count, Stat("accepted"));
        // Every call was a deliberate failure or the one acceptance of its request: no repeat reached the DSO.
        Assert.Equal(Stat("calls"), Stat("injectedFailures") + Stat("accepted"));
        Assert.Equal(Stat("calls") / 2, Stat("injectedFailures")); // every second call failed
        Assert.Equal(0, Stat("refusedSignatures"));
        Assert.Equal(2 * sent.Count, Stat("callbacksSent"));
    }
}
