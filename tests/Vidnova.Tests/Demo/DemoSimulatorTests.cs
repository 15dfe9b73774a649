using System.Net;
using System.Net.Sockets;
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
public sealed class DemoApp : VidnovaApp
{
    private readonly int _port = FreePort();

    public DemoApp()
        : base(DatabaseProvider.Sqlite)
    {
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
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
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

        var giveUpAt = DateTime.UtcNow.AddSeconds(30);
        var application = await scenario.GetAsAdminAsync(sent.Id);
        while (application.Status != "restored")
        {
            Assert.True(DateTime.UtcNow < giveUpAt, $"Still {application.Status}: {string.Join("\n", app.Errors.Entries)}");
            await Task.Delay(100);
            application = await scenario.GetAsAdminAsync(sent.Id);
        }

        Assert.Contains(application.Timeline, t => t.Kind == "dso_received" && t.Actor == "dso:kyiv-city");
        Assert.Contains(application.Timeline, t => t.Kind == "dso_completed" && t.Actor == "dso:kyiv-city");
        var delivery = await app.InDatabaseAsync(db => db.Set<DsoDelivery>().AsNoTracking().SingleAsync(d => d.RequestId == sent.DsoRequest!.Id));
        Assert.NotNull(delivery.DeliveredAt);
        // The callbacks came signed over HTTP: their event ids were recorded by the webhook endpoint.
        Assert.Equal(2, await app.InDatabaseAsync(db => db.Set<DsoCallbackEvent>().CountAsync(e => e.RequestId == sent.DsoRequest!.Id)));
        var stats = await app.CreateClient().GetStringAsync("/demo/dso-simulator/stats");
        Assert.Contains("\"refusedSignatures\":0", stats, StringComparison.Ordinal);
        Assert.Contains("\"callbacksSent\":2", stats, StringComparison.Ordinal);
    }
}
