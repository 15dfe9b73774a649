using Microsoft.EntityFrameworkCore;
using NodaTime;
using Vidnova.Persistence;

namespace Vidnova.Notifications;

/// <summary>
/// Claims due outbox messages for one dispatcher so that several instances never send the same message, and a
/// crashed instance's claim lapses after its lease so another instance picks the work up. On PostgreSQL the
/// claim skips rows another instance is claiming at that moment (<c>FOR UPDATE SKIP LOCKED</c>); SQLite
/// serialises writers itself, so the same statement without the locking clause is enough there.
/// </summary>
public sealed class OutboxClaims(VidnovaDbContext db)
{
    public async Task<IReadOnlyList<Guid>> ClaimDueAsync(string owner, Instant now, Duration lease, int batchSize, CancellationToken cancellationToken)
    {
        var nowUtc = now.ToDateTimeUtc();
        var until = (now + lease).ToDateTimeUtc();
        var query = db.Database.IsNpgsql()
            ? db.Database.SqlQuery<Guid>($"""
                UPDATE outbox_messages SET "ClaimedBy" = {owner}, "ClaimedUntil" = {until}
                WHERE "Id" IN (
                    SELECT "Id" FROM outbox_messages
                    WHERE "SentAt" IS NULL AND "NextAttemptAt" <= {nowUtc} AND ("ClaimedUntil" IS NULL OR "ClaimedUntil" < {nowUtc})
                    ORDER BY "CreatedAt" LIMIT {batchSize}
                    FOR UPDATE SKIP LOCKED)
                RETURNING "Id" AS "Value"
                """)
            : db.Database.SqlQuery<Guid>($"""
                UPDATE outbox_messages SET "ClaimedBy" = {owner}, "ClaimedUntil" = {until}
                WHERE "Id" IN (
                    SELECT "Id" FROM outbox_messages
                    WHERE "SentAt" IS NULL AND "NextAttemptAt" <= {nowUtc} AND ("ClaimedUntil" IS NULL OR "ClaimedUntil" < {nowUtc})
                    ORDER BY "CreatedAt" LIMIT {batchSize})
                RETURNING "Id" AS "Value"
                """);
        return await query.ToListAsync(cancellationToken);
    }

    /// <summary>Gives back what this dispatcher claimed but did not finish (on shutdown), so others need not wait for the lease.</summary>
    public Task<int> ReleaseAsync(string owner, CancellationToken cancellationToken) =>
        db.Set<OutboxMessage>()
            .Where(m => m.ClaimedBy == owner && m.SentAt == null)
            .ExecuteUpdateAsync(m => m.SetProperty(x => x.ClaimedBy, (string?)null).SetProperty(x => x.ClaimedUntil, (Instant?)null), cancellationToken);
}
