using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Vidnova.Dso;
using Vidnova.Kernel;
using Vidnova.Persistence;
using Vidnova.Restoration;
using Vidnova.Tests.Infrastructure;

namespace Vidnova.Tests.Dso;

/// <summary>
/// The host with production-like retry limits (12 attempts) on a fake clock: backoff from a minute, capped at
/// half an hour, one quick HTTP retry. <paramref name="deliver"/> false starts it with the dispatcher switched off.
/// </summary>
public class DsoFaultApp(DatabaseProvider provider, bool deliver = true) : VidnovaApp(provider)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Dso:Delivery:Enabled", deliver ? "true" : "false");
        builder.UseSetting("Dso:Delivery:HttpRetries", "1");
        builder.UseSetting("Dso:Delivery:HttpRetryDelaySeconds", "0.01");
        builder.UseSetting("Dso:Delivery:BaseDelaySeconds", "60");
        builder.UseSetting("Dso:Delivery:MaxDelaySeconds", "1800");
        builder.UseSetting("Dso:Delivery:PollSeconds", "0.2");
    }
}

public sealed class DsoFaultSqliteApp() : DsoFaultApp(DatabaseProvider.Sqlite);

public sealed class DsoFaultPostgresApp() : DsoFaultApp(DatabaseProvider.Postgres);

/// <summary>
/// The issue's fault scenarios: a DSO failing half its calls, a DSO down for an hour, the host crashing between the
/// commit and the delivery. In each, every request reaches the DSO exactly once: one 2xx per Idempotency-Key.
/// </summary>
public abstract class DsoFaultTests(DsoFaultApp app)
{
    private const string Secret = "whsec_fault_tests_0123456789";
    private static readonly Duration Step = Duration.FromMinutes(2);

    [Fact]
    public async Task DsoFailingHalfItsCalls_GetsEveryRequestExactlyOnce_AndEveryApplicationCompletes()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Secret, () => app.Clock.GetCurrentInstant().ToUnixTimeSeconds(), failPercent: 50, seed: 20261125);
        receiver.OnAccepted = call => ReportAsync(app, "flaky-dso", call);
        var scenario = new Scenario(app);
        await RegisterWebhookDsoAsync(app, "flaky-dso", receiver.Url);

        var applications = new List<ApplicationResponse>();
        for (var i = 0; i < 8; i++)
        {
            await scenario.PutAccountAsync($"31000000{i:00}", dso: "flaky-dso");
            applications.Add(await scenario.SentToDsoAsync($"31000000{i:00}"));
        }

        var deliveries = await DeliverAllAsync(app, "flaky-dso", Duration.FromHours(12));
        await receiver.ReportsSentAsync();

        var calls = receiver.Calls.ToList();
        var failed = calls.Count(c => c.Status == 500);
        Assert.InRange(failed, calls.Count / 4, calls.Count * 3 / 4);
        Assert.All(calls, c => Assert.Equal(SignatureCheck.Valid, c.Signature));
        AssertEachRequestAcceptedOnce(applications, deliveries, calls);
        Assert.Contains(deliveries, d => d.Attempts > 1);
        foreach (var application in applications)
        {
            var now = await scenario.GetAsAdminAsync(application.Id);
            Assert.Equal("restored", now.Status);
            Assert.Single(now.Timeline, t => t.Kind == "dso_completed");
        }
    }

    [Fact]
    public async Task DsoDownForAnHour_GetsTheRequestsAfterItReturns_ExactlyOnce()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Secret, () => app.Clock.GetCurrentInstant().ToUnixTimeSeconds());
        receiver.Down = true;
        var scenario = new Scenario(app);
        await RegisterWebhookDsoAsync(app, "down-dso", receiver.Url);
        var applications = new List<ApplicationResponse>();
        for (var i = 0; i < 3; i++)
        {
            await scenario.PutAccountAsync($"32000000{i:00}", dso: "down-dso");
            applications.Add(await scenario.SentToDsoAsync($"32000000{i:00}"));
        }

        var wentDown = app.Clock.GetCurrentInstant();
        while (app.Clock.GetCurrentInstant() < wentDown + Duration.FromHours(1))
        {
            await IdleAsync(app, "down-dso");
            app.Clock.Advance(Step);
        }

        await IdleAsync(app, "down-dso");
        var waiting = await DeliveriesAsync(app, "down-dso");
        Assert.Equal(3, waiting.Count);
        Assert.All(waiting, d =>
        {
            Assert.True(d.IsPending, $"{d.IdempotencyKey} left the queue while the DSO was down: {d.LastError}");
            Assert.InRange(d.Attempts, 4, 11);
            Assert.StartsWith("HttpRequestException", d.LastError, StringComparison.Ordinal);
        });
        Assert.All(receiver.Calls, c => Assert.Equal(0, c.Status));

        receiver.Down = false;
        var cameBack = app.Clock.GetCurrentInstant();
        var delivered = await DeliverAllAsync(app, "down-dso", Duration.FromHours(2));

        Assert.All(delivered, d => Assert.True(d.DeliveredAt >= cameBack));
        AssertEachRequestAcceptedOnce(applications, delivered, receiver.Calls.ToList());
    }

    [Fact]
    public async Task HostCrashingBetweenCommitAndDelivery_DeliversAfterRestart_ExactlyOnce()
    {
        var folder = Path.Combine(Path.GetTempPath(), "vidnova-tests", "crash-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var database = app.Provider == DatabaseProvider.Postgres
            ? PostgresServer.Instance.CreateDatabase()
            : $"Data Source={Path.Combine(folder, "vidnova.db")}";
        Instant crashedAt;
        List<ApplicationResponse> applications = [];
        Guid claimedByTheCrashedInstance;
        try
        {
            var first = new DsoFaultApp(app.Provider, deliver: false) { SharedConnectionString = database };
            var second = new DsoFaultApp(app.Provider) { SharedConnectionString = database };
            await using var receiver = await WebhookReceiver.StartAsync(Secret, () => second.Clock.GetCurrentInstant().ToUnixTimeSeconds());
            try
            {
                var scenario = new Scenario(first);
                await RegisterWebhookDsoAsync(first, "crash-dso", receiver.Url);
                for (var i = 0; i < 2; i++)
                {
                    await scenario.PutAccountAsync($"33000000{i:00}", dso: "crash-dso");
                    applications.Add(await scenario.SentToDsoAsync($"33000000{i:00}"));
                }

                // The older one was claimed by a dispatcher that died before sending: its lease must lapse first.
                claimedByTheCrashedInstance = Assert.Single(await first.InDatabaseAsync(db =>
                    new DsoDeliveryClaims(db).ClaimDueAsync("crashed-instance", first.Clock.GetCurrentInstant(), Duration.FromMinutes(5), 1, CancellationToken.None)));
                crashedAt = first.Clock.GetCurrentInstant();
            }
            finally
            {
                await first.DisposeAsync();
            }

            Assert.Empty(receiver.Calls);

            await using var restarted = second;
            second.Clock.Reset(crashedAt + Duration.FromSeconds(30));
            second.CreateClient().Dispose();

            await IdleAsync(second, "crash-dso");
            var afterRestart = await DeliveriesAsync(second, "crash-dso");
            Assert.Null(afterRestart.Single(d => d.Id == claimedByTheCrashedInstance).DeliveredAt);
            Assert.NotNull(afterRestart.Single(d => d.Id != claimedByTheCrashedInstance).DeliveredAt);

            second.Clock.Advance(Duration.FromMinutes(5));
            var delivered = await DeliverAllAsync(second, "crash-dso", Duration.FromMinutes(10));
            AssertEachRequestAcceptedOnce(applications, delivered, receiver.Calls.ToList());
            Assert.All(delivered, d => Assert.Equal(1, d.Attempts));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void AssertEachRequestAcceptedOnce(List<ApplicationResponse> applications, IReadOnlyList<DsoDelivery> deliveries, List<ReceivedCall> calls)
    {
        var expected = applications.Select(a => DsoDelivery.IdempotencyKeyFor(a.DsoRequest!.Id, DsoDelivery.RestorationRequested)).Order().ToList();
        Assert.Equal(expected, deliveries.Select(d => d.IdempotencyKey).Order());
        Assert.All(deliveries, d => Assert.NotNull(d.DeliveredAt));
        var accepted = calls.Where(c => c.Status is >= 200 and < 300).GroupBy(c => c.IdempotencyKey).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(expected, accepted.Keys.Order());
        Assert.All(accepted, pair => Assert.True(pair.Value == 1, $"{pair.Key} was accepted {pair.Value} times"));
    }

    /// <summary>Lets the dispatcher work, moving the fake clock on whenever it waits, until every delivery for the DSO is delivered.</summary>
    private static async Task<IReadOnlyList<DsoDelivery>> DeliverAllAsync(VidnovaApp host, string dso, Duration atMost)
    {
        var giveUpAt = host.Clock.GetCurrentInstant() + atMost;
        while (true)
        {
            await IdleAsync(host, dso);
            var deliveries = await DeliveriesAsync(host, dso);
            Assert.DoesNotContain(deliveries, d => d.DeadLetteredAt is not null);
            if (deliveries.All(d => d.DeliveredAt is not null))
            {
                return deliveries;
            }

            Assert.True(host.Clock.GetCurrentInstant() < giveUpAt,
                $"Not delivered within {atMost}: {string.Join("; ", deliveries.Select(d => $"{d.IdempotencyKey} {d.Attempts} {d.LastError}"))}");
            host.Clock.Advance(Step);
        }
    }

    /// <summary>
    /// Waits until nothing for the DSO is due or claimed. The fake clock must not jump while an attempt is in flight:
    /// past the claim's lease, another pass would take the same row.
    /// </summary>
    private static Task IdleAsync(VidnovaApp host, string dso)
    {
        var code = DsoCode.Parse(dso);
        var busy = 0;
        return Eventually.TrueAsync(
            async () =>
            {
                var now = host.Clock.GetCurrentInstant();
                busy = await host.InDatabaseAsync(db => db.Set<DsoDelivery>().CountAsync(d => d.DsoCode == code
                    && d.DeliveredAt == null && d.DeadLetteredAt == null && (d.NextAttemptAt <= now || d.ClaimedBy != null)
                    && !(d.ClaimedBy == "crashed-instance" && d.ClaimedUntil > now)));
                return busy == 0;
            },
            TimeSpan.FromSeconds(30),
            () => $"The dispatcher did not get through {busy} due deliveries for {dso}: {string.Join("\n", host.Errors.Entries)}");
    }

    private static Task<List<DsoDelivery>> DeliveriesAsync(VidnovaApp host, string dso) =>
        host.InDatabaseAsync(db => QueryDeliveries(db, dso));

    private static Task<List<DsoDelivery>> QueryDeliveries(VidnovaDbContext db, string dso)
    {
        var code = DsoCode.Parse(dso);
        return db.Set<DsoDelivery>().AsNoTracking().Where(d => d.DsoCode == code).OrderBy(d => d.CreatedAt).ToListAsync();
    }

    private static Task RegisterWebhookDsoAsync(VidnovaApp host, string code, Uri url) => new Scenario(host).RegisterWebhookDsoAsync(code, url, Secret);

    /// <summary>The DSO's side: acknowledge, then report the reconnection, each as a signed callback.</summary>
    private static async Task ReportAsync(VidnovaApp host, string dso, ReceivedCall call)
    {
        using var json = JsonDocument.Parse(call.Body);
        var requestId = json.RootElement.GetProperty("request").GetProperty("id").GetGuid();
        foreach (var type in new[] { "received", "completed" })
        {
            var body = JsonSerializer.Serialize(new { eventId = $"{requestId:N}.{type}", requestId, type, occurredAt = host.Clock.GetCurrentInstant().ToString() });
            var timestamp = host.Clock.GetCurrentInstant().ToUnixTimeSeconds();
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/dso/webhooks/{dso}")
            {
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
            };
            request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(Secret, timestamp, body));
            using var response = await host.CreateClient().SendAsync(request);
            Assert.True(response.IsSuccessStatusCode, $"{type} callback: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}

public sealed class DsoFaultsOnSqlite(DsoFaultSqliteApp app) : DsoFaultTests(app), IClassFixture<DsoFaultSqliteApp>;

public sealed class DsoFaultsOnPostgres(DsoFaultPostgresApp app) : DsoFaultTests(app), IClassFixture<DsoFaultPostgresApp>;
