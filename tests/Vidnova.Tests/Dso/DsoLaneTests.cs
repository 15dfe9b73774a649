using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Vidnova.Dso;
using Vidnova.Kernel;
using Vidnova.Persistence;
using Vidnova.Tests.Infrastructure;

namespace Vidnova.Tests.Dso;

/// <summary>
/// The host delivering in lanes per DSO with a short claim lease (3 s on the fake clock, renewed every second) and
/// an HTTP timeout long enough that a hanging DSO stays in flight for the whole test.
/// </summary>
public class DsoLaneApp(DatabaseProvider provider) : VidnovaApp(provider)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Dso:Delivery:HttpRetries", "0");
        builder.UseSetting("Dso:Delivery:HttpTimeoutSeconds", "120");
        builder.UseSetting("Dso:Delivery:PollSeconds", "0.2");
        builder.UseSetting("Dso:Delivery:ClaimLeaseSeconds", "3");
        builder.UseSetting("Dso:Delivery:MaxParallelDsos", "4");
    }
}

public sealed class DsoLaneSqliteApp() : DsoLaneApp(DatabaseProvider.Sqlite);

public sealed class DsoLanePostgresApp() : DsoLaneApp(DatabaseProvider.Postgres);

/// <summary>One slow DSO never delays another, and a claim held by a working instance is renewed, not taken over.</summary>
public abstract class DsoLaneTests(DsoLaneApp app)
{
    private const string Secret = "whsec_lane_tests_0123456789";
    private readonly Scenario _scenario = new(app);

    [Fact]
    public async Task AHangingDso_DoesNotDelayAHealthyDsosDelivery_AndKeepsItsClaimWhileItHangs()
    {
        await using var hanging = await WebhookReceiver.StartAsync(Secret, () => app.Clock.GetCurrentInstant().ToUnixTimeSeconds());
        await using var healthy = await WebhookReceiver.StartAsync(Secret, () => app.Clock.GetCurrentInstant().ToUnixTimeSeconds());
        var hang = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        hanging.Hang = hang;
        await _scenario.RegisterWebhookDsoAsync("hang-dso", hanging.Url, Secret);
        await _scenario.RegisterWebhookDsoAsync("well-dso", healthy.Url, Secret);
        await _scenario.PutAccountAsync("8100000001", dso: "hang-dso");
        await _scenario.PutAccountAsync("8100000002", dso: "well-dso");

        var stuck = await _scenario.SentToDsoAsync("8100000001");
        await Eventually.TrueAsync(() => Task.FromResult(hanging.Hanging == 1), TimeSpan.FromSeconds(20),
            () => $"The hanging DSO was never called: {string.Join("\n", app.Errors.Entries)}");

        var sent = await _scenario.SentToDsoAsync("8100000002");
        var delivered = await WaitForDeliveryAsync(sent.DsoRequest!.Id, d => d.DeliveredAt is not null);

        // The healthy DSO got its request while the other one's call was still in flight.
        Assert.Equal(1, hanging.Hanging);
        Assert.Equal(1, delivered.Attempts);
        Assert.Single(healthy.Calls, c => c.Status == 200);

        // Past the lease on the fake clock, the heartbeat keeps the hanging delivery claimed: no one else takes it.
        app.Clock.Advance(Duration.FromSeconds(10));
        var renewed = await WaitForDeliveryAsync(stuck.DsoRequest!.Id, d => d.ClaimedUntil > app.Clock.GetCurrentInstant());
        Assert.NotNull(renewed.ClaimedBy);
        Assert.Empty(await app.InDatabaseAsync(db =>
            new DsoDeliveryClaims(db).ClaimDueAsync("other-instance", app.Clock.GetCurrentInstant(), Duration.FromSeconds(30), 10, DsoCode.Parse("hang-dso"), CancellationToken.None)));

        hang.SetResult();
        var released = await WaitForDeliveryAsync(stuck.DsoRequest.Id, d => d.DeliveredAt is not null);
        Assert.Null(released.ClaimedBy);
        Assert.Single(hanging.Calls, c => c.Status == 200);
    }

    private Task<DsoDelivery> WaitForDeliveryAsync(Guid requestId, Func<DsoDelivery, bool> condition)
    {
        DsoDelivery? delivery = null;
        return Eventually.ValueAsync(
            async () =>
            {
                delivery = await app.InDatabaseAsync(db => db.Set<DsoDelivery>().AsNoTracking().SingleOrDefaultAsync(d => d.WorkOrderId == requestId));
                return delivery is not null && condition(delivery) ? delivery : null;
            },
            TimeSpan.FromSeconds(20),
            () => $"The delivery of {requestId} did not reach the expected state: attempts {delivery?.Attempts}, claimed by {delivery?.ClaimedBy} until {delivery?.ClaimedUntil}, error {delivery?.LastError}: {string.Join("\n", app.Errors.Entries)}");
    }
}

public sealed class DsoLanesOnSqlite(DsoLaneSqliteApp app) : DsoLaneTests(app), IClassFixture<DsoLaneSqliteApp>;

public sealed class DsoLanesOnPostgres(DsoLanePostgresApp app) : DsoLaneTests(app), IClassFixture<DsoLanePostgresApp>;
