using Microsoft.EntityFrameworkCore;
using NodaTime;
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
                .Select(i => OutboxMessage.Create($"lease-test:{Guid.NewGuid()}", new EmailContent("s", "<p>h</p>", "t"), "x@example.com", null,
                    now - Duration.FromMinutes(10 - i)))
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
}

public sealed class LeaseClaimsOnSqlite(SqliteApp app) : LeaseClaimsTests(app), IClassFixture<SqliteApp>;

public sealed class LeaseClaimsOnPostgres(PostgresApp app) : LeaseClaimsTests(app), IClassFixture<PostgresApp>;
