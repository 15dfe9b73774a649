using Microsoft.EntityFrameworkCore;
using NodaTime;
using Vidnova.Dso;
using Vidnova.Kernel;
using Vidnova.Notifications;
using Vidnova.Tests.Infrastructure;

namespace Vidnova.Tests.Hosting;

/// <summary>How workers on several instances share an outbox: claims, leases, release on shutdown.</summary>
public abstract class LeaseClaimsTests(VidnovaApp app)
{
    private static readonly Duration Lease = Duration.FromMinutes(5);

    [Fact]
    public async Task Claims_AreExclusive_ReleasedOnShutdown_AndLapseAfterTheLease()
    {
        var now = Instant.FromUtc(2030, 1, 1, 12, 0);
        var ids = await app.InDatabaseAsync(async db =>
        {
            var messages = Enumerable.Range(0, 3)
                .Select(i => OutboxMessage.For(new Notification($"lease-test:{Guid.NewGuid()}", new EmailContent("s", "<p>h</p>", "t"), "x@example.com", null,
                    now - Duration.FromMinutes(10 - i))))
                .ToList();
            db.AddRange(messages);
            await db.SaveChangesAsync();
            return messages.Select(m => m.Id).ToList();
        });

        async Task<IReadOnlyList<Guid>> ClaimAsync(string owner, Instant at) => (await app.InDatabaseAsync(db =>
            new OutboxClaims(db).ClaimDueAsync(owner, at, Lease, 2, CancellationToken.None))).Where(ids.Contains).ToList();

        var first = await ClaimAsync("instance-a", now);
        var second = await ClaimAsync("instance-b", now);
        var nothingLeft = await ClaimAsync("instance-c", now);

        Assert.Equal(ids[..2], first.OrderBy(ids.IndexOf)); // the oldest first
        Assert.Equal([ids[2]], second);
        Assert.Empty(nothingLeft);

        Assert.Equal(2, await app.InDatabaseAsync(db => new OutboxClaims(db).ReleaseAsync("instance-a", CancellationToken.None)));
        Assert.Equal(first.Order(), (await ClaimAsync("instance-c", now + Duration.FromMinutes(1))).Order());

        // instance-b crashed holding its claim: after the lease another instance takes the message over.
        Assert.Empty(await ClaimAsync("instance-d", now + Lease - Duration.FromSeconds(1)));
        Assert.Equal([ids[2]], await ClaimAsync("instance-d", now + Lease + Duration.FromSeconds(1)));
        Assert.Equal("instance-d", await app.InDatabaseAsync(db => db.Set<OutboxMessage>().Where(m => m.Id == ids[2]).Select(m => m.ClaimedBy).SingleAsync()));
    }

    [Fact]
    public async Task ARenewedLease_IsNotTakenOver_AndAnUnrenewedOneIsTakenOverAsSoonAsItLapses()
    {
        var lease = Duration.FromSeconds(30);
        var now = Instant.FromUtc(2030, 1, 1, 12, 0);
        var dso = DsoCode.Parse("lease-dso");
        var ids = await app.InDatabaseAsync(async db =>
        {
            var deliveries = Enumerable.Range(0, 2)
                .Select(i => DsoDelivery.Create(Guid.NewGuid(), dso, DsoDelivery.RestorationRequested, "{}", now - Duration.FromMinutes(2 - i)))
                .ToList();
            db.AddRange(deliveries);
            await db.SaveChangesAsync();
            return deliveries.Select(d => d.Id).ToList();
        });

        Task<IReadOnlyList<Guid>> ClaimAsync(string owner, Instant at) =>
            app.InDatabaseAsync(db => new DsoDeliveryClaims(db).ClaimDueAsync(owner, at, lease, 1, dso, CancellationToken.None));

        Assert.Equal([ids[0]], await ClaimAsync("working", now));
        Assert.Equal([ids[1]], await ClaimAsync("crashed", now));

        // The working instance's heartbeat renews its claim; the crashed one's is left to lapse.
        Assert.Equal(1, await app.InDatabaseAsync(db => new DsoDeliveryClaims(db).RenewAsync("working", [ids[0]], now + Duration.FromSeconds(20), lease, CancellationToken.None)));

        Assert.Empty(await ClaimAsync("other", now + Duration.FromSeconds(29)));
        Assert.Equal([ids[1]], await ClaimAsync("other", now + Duration.FromSeconds(31)));
        Assert.Empty(await ClaimAsync("late", now + Duration.FromSeconds(49)));
        Assert.Equal([ids[0]], await ClaimAsync("late", now + Duration.FromSeconds(51)));
    }

    [Fact]
    public async Task TheHeartbeat_RenewsOnlyTheRowsInFlight_AndACutShortBatchIsGivenBackAtOnce()
    {
        var lease = Duration.FromSeconds(30);
        var now = Instant.FromUtc(2030, 1, 1, 12, 0);
        var dso = DsoCode.Parse("lease-lane");
        var ids = await app.InDatabaseAsync(async db =>
        {
            var deliveries = Enumerable.Range(0, 3)
                .Select(i => DsoDelivery.Create(Guid.NewGuid(), dso, DsoDelivery.RestorationRequested, "{}", now - Duration.FromMinutes(3 - i)))
                .ToList();
            db.AddRange(deliveries);
            await db.SaveChangesAsync();
            return deliveries.Select(d => d.Id).ToList();
        });

        Task<IReadOnlyList<Guid>> ClaimAsync(string owner, Instant at, int batchSize) =>
            app.InDatabaseAsync(db => new DsoDeliveryClaims(db).ClaimDueAsync(owner, at, lease, batchSize, dso, CancellationToken.None));

        Assert.Equal(ids, (await ClaimAsync("instance", now, 3)).OrderBy(ids.IndexOf));

        // The lane's batch was cut short after the first delivery: it gives the last one back, another instance takes it at once.
        Assert.Equal(1, await app.InDatabaseAsync(db => new DsoDeliveryClaims(db).ReleaseAsync("instance", [ids[2]], CancellationToken.None)));
        Assert.Equal([ids[2]], await ClaimAsync("other", now + Duration.FromSeconds(1), 3));

        // The heartbeat renews only what a live lane is working on; the row a dead lane left behind lapses.
        Assert.Equal(1, await app.InDatabaseAsync(db => new DsoDeliveryClaims(db).RenewAsync("instance", [ids[0]], now + Duration.FromSeconds(20), lease, CancellationToken.None)));
        Assert.Equal([ids[1]], await ClaimAsync("other", now + Duration.FromSeconds(31), 3));
        Assert.Equal(0, await app.InDatabaseAsync(db => new DsoDeliveryClaims(db).RenewAsync("instance", [ids[1]], now + Duration.FromSeconds(32), lease, CancellationToken.None)));
    }
}

public sealed class LeaseClaimsOnSqlite(SqliteApp app) : LeaseClaimsTests(app), IClassFixture<SqliteApp>;

public sealed class LeaseClaimsOnPostgres(PostgresApp app) : LeaseClaimsTests(app), IClassFixture<PostgresApp>;
