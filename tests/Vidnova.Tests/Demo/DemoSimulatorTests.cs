using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Vidnova.Dso;
using Vidnova.Persistence;
using Vidnova.Tests.Infrastructure;

namespace Vidnova.Tests.Demo;

/// <summary>
/// The Development demo on a real port: the demo data, and the DSO simulator inside the host answering the demo DSO's
/// webhook. Its clock starts at the real time, because the simulator, like a real DSO, signs with its own clock.
/// </summary>
public class DemoApp : VidnovaApp
{
    private readonly int _port = LoopbackPort.Free();
    private readonly double _failPercent;

    public DemoApp()
        : this(failPercent: 0)
    {
    }

    /// <param name="failPercent">The simulator's share of webhook calls answered 500.</param>
    protected DemoApp(double failPercent)
        : base(DatabaseProvider.Sqlite)
    {
        _failPercent = failPercent;
        Clock.Reset(SystemClock.Instance.GetCurrentInstant());
        UseKestrel(_port);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Vidnova:SeedDemoData", "true");
        builder.UseSetting("Vidnova:PublicBaseUrl", $"http://127.0.0.1:{_port}");
        builder.UseSetting("Demo:DsoSimulator:Enabled", "true");
        builder.UseSetting("Demo:DsoSimulator:ReceivedAfterSeconds", "0");
        builder.UseSetting("Demo:DsoSimulator:CompletedAfterSeconds", "0.5");
        builder.UseSetting("Demo:DsoSimulator:FailPercent", _failPercent.ToString(System.Globalization.CultureInfo.InvariantCulture));
        UseFastDsoRetries(builder);
    }

    /// <summary>Seconds rather than the production minutes between attempts, so a run with failures ends in seconds.</summary>
    internal static void UseFastDsoRetries(IWebHostBuilder builder)
    {
        builder.UseSetting("Dso:Delivery:BaseDelaySeconds", "1");
        builder.UseSetting("Dso:Delivery:MaxDelaySeconds", "4");
        builder.UseSetting("Dso:Delivery:HttpRetryDelaySeconds", "0.05");
        builder.UseSetting("Dso:Delivery:PollSeconds", "0.2");
    }
}

public sealed class DemoSimulatorTests(DemoApp app) : IClassFixture<DemoApp>
{
    [Fact]
    public async Task DemoApplication_CompletesByItself_ThroughTheSignedWebhookAndCallbacks()
    {
        app.StartServer();
        var scenario = new Scenario(app);
        var sent = await scenario.SentToDsoAsync("1000000001");

        await scenario.AllRestoredAsync([sent]);
        var application = await scenario.GetAsAdminAsync(sent.Id);

        Assert.Contains(application.Timeline, t => t.Kind == "dso_received" && t.Actor == "dso:kyiv-city");
        Assert.Contains(application.Timeline, t => t.Kind == "dso_completed" && t.Actor == "dso:kyiv-city");
        var delivery = await app.InDatabaseAsync(db => db.Set<DsoDelivery>().AsNoTracking().SingleAsync(d => d.WorkOrderId == sent.DsoRequest!.Id));
        Assert.NotNull(delivery.DeliveredAt);
        // The callbacks came signed over HTTP: their event ids were recorded by the webhook endpoint.
        Assert.Equal(2, await app.InDatabaseAsync(db => db.Set<DsoCallbackEvent>().CountAsync(e => e.RequestId == sent.DsoRequest!.Id)));
        var stats = await app.CreateClient().GetStringAsync("/demo/dso-simulator/stats");
        Assert.Contains("\"refusedSignatures\":0", stats, StringComparison.Ordinal);
        Assert.Contains("\"callbacksSent\":2", stats, StringComparison.Ordinal);
    }
}

/// <summary>The demo simulator answering half of Vidnova's webhook calls with 500 (the "done when").</summary>
public sealed class FlakyDemoApp() : DemoApp(failPercent: 50);

public sealed class FlakyDemoSimulatorTests(FlakyDemoApp app) : IClassFixture<FlakyDemoApp>
{
    [Fact]
    public async Task WithTheSimulatorFailingHalfItsCalls_EveryRequestReachesItExactlyOnce_AndEveryApplicationCompletes()
    {
        app.StartServer();
        var scenario = new Scenario(app);
        var sent = new List<Vidnova.Restoration.ApplicationResponse>();
        for (var i = 1; i <= 6; i++)
        {
            var account = $"45000000{i:00}";
            await scenario.PutAccountAsync(account);
            sent.Add(await scenario.SentToDsoAsync(account));
        }

        // The simulator signs its callbacks with the real time, so the host's clock follows it.
        await scenario.AllRestoredAsync(sent, () => app.Clock.Reset(SystemClock.Instance.GetCurrentInstant()));

        var stats = System.Text.Json.JsonDocument.Parse(await app.CreateClient().GetStringAsync("/demo/dso-simulator/stats")).RootElement;
        int Stat(string name) => stats.GetProperty(name).GetInt32();
        Assert.True(Stat("injectedFailures") > 0, stats.ToString());
        Assert.Equal(sent.Count, Stat("accepted"));
        // Every call was a deliberate failure or the one acceptance of its request: no repeat reached the DSO.
        Assert.Equal(Stat("calls"), Stat("injectedFailures") + Stat("accepted") + Stat("refusedSignatures"));
        Assert.Equal(0, Stat("refusedSignatures"));
        foreach (var application in sent)
        {
            Assert.Equal(2, await app.InDatabaseAsync(db => db.Set<DsoCallbackEvent>().CountAsync(e => e.RequestId == application.DsoRequest!.Id)));
        }
    }
}
