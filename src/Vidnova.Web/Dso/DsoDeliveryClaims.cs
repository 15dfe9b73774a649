using Microsoft.EntityFrameworkCore;
using NodaTime;
using Vidnova.Persistence;

namespace Vidnova.Dso;

/// <summary>
/// Claims due DSO deliveries for one dispatcher exactly as <see cref="Notifications.OutboxClaims"/> claims mail:
/// <c>FOR UPDATE SKIP LOCKED</c> on PostgreSQL, a lease so a crashed instance's work is taken over, and SQLite's
/// own writer lock elsewhere.
/// </summary>
public sealed class DsoDeliveryClaims(VidnovaDbContext db)
{
    public async Task<IReadOnlyList<Guid>> ClaimDueAsync(string owner, Instant now, Duration lease, int batchSize, CancellationToken cancellationToken)
    {
        var nowUtc = now.ToDateTimeUtc();
        var until = (now + lease).ToDateTimeUtc();
        var query = db.Database.IsNpgsql()
            ? db.Database.SqlQuery<Guid>($"""
                UPDATE dso_deliveries SET "ClaimedBy" = {owner}, "ClaimedUntil" = {until}
                WHERE "Id" IN (
                    SELECT "Id" FROM dso_deliveries
                    WHERE "DeliveredAt" IS NULL AND "DeadLetteredAt" IS NULL AND "NextAttemptAt" <= {nowUtc}
                      AND ("ClaimedUntil" IS NULL OR "ClaimedUntil" < {nowUtc})
                    ORDER BY "CreatedAt" LIMIT {batchSize}
                    FOR UPDATE SKIP LOCKED)
                RETURNING "Id" AS "Value"
                """)
            : db.Database.SqlQuery<Guid>($"""
                UPDATE dso_deliveries SET "ClaimedBy" = {owner}, "ClaimedUntil" = {until}
                WHERE "Id" IN (
                    SELECT "Id" FROM dso_deliveries
                    WHERE "DeliveredAt" IS NULL AND "DeadLetteredAt" IS NULL AND "NextAttemptAt" <= {nowUtc}
                      AND ("ClaimedUntil" IS NULL OR "ClaimedUntil" < {nowUtc})
                    ORDER BY "CreatedAt" LIMIT {batchSize})
                RETURNING "Id" AS "Value"
                """);
        return await query.ToListAsync(cancellationToken);
    }

    /// <summary>Gives back unfinished claims on shutdown, so other instances need not wait for the lease.</summary>
    public Task<int> ReleaseAsync(string owner, CancellationToken cancellationToken) =>
        db.Set<DsoDelivery>()
            .Where(d => d.ClaimedBy == owner && d.DeliveredAt == null && d.DeadLetteredAt == null)
            .ExecuteUpdateAsync(d => d.SetProperty(x => x.ClaimedBy, (string?)null).SetProperty(x => x.ClaimedUntil, (Instant?)null), cancellationToken);
}
