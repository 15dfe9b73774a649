using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Vidnova.Persistence;

/// <summary>
/// Claims due rows of an outbox-like table (<c>Id</c>, <c>CreatedAt</c>, <c>NextAttemptAt</c>, <c>ClaimedBy</c>,
/// <c>ClaimedUntil</c>) for one worker, so that several instances never work on the same row, and a crashed
/// instance's claim lapses after its lease so another instance picks the work up. On PostgreSQL the claim skips rows
/// another instance is claiming at that moment (<c>FOR UPDATE SKIP LOCKED</c>); SQLite serialises writers itself, so
/// the same statement without the locking clause is enough there.
/// </summary>
/// <param name="table">The table; a constant of the subclass, never input, as it is written into the SQL.</param>
/// <param name="unfinished">SQL condition of the rows still to be worked on; a constant of the subclass likewise.</param>
public abstract class LeaseClaims(VidnovaDbContext db, string table, string unfinished)
{
    public Task<IReadOnlyList<Guid>> ClaimDueAsync(string owner, Instant now, Duration lease, int batchSize, CancellationToken cancellationToken) =>
        ClaimDueAsync(owner, now, lease, batchSize, null, cancellationToken);

    /// <param name="partition">Only rows whose column (a constant of the subclass) has this value, e.g. one DSO's.</param>
    protected async Task<IReadOnlyList<Guid>> ClaimDueAsync(string owner, Instant now, Duration lease, int batchSize,
        (string Column, object Value)? partition, CancellationToken cancellationToken)
    {
        var skipLocked = db.Database.IsNpgsql() ? "FOR UPDATE SKIP LOCKED" : "";
        var only = partition is { } p ? $$"""AND "{{p.Column}}" = {4}""" : "";
        var sql = $$"""
            UPDATE {{table}} SET "ClaimedBy" = {0}, "ClaimedUntil" = {1}
            WHERE "Id" IN (
                SELECT "Id" FROM {{table}}
                WHERE {{unfinished}} AND "NextAttemptAt" <= {2} AND ("ClaimedUntil" IS NULL OR "ClaimedUntil" < {2}) {{only}}
                ORDER BY "CreatedAt" LIMIT {3}
                {{skipLocked}})
            RETURNING "Id" AS "Value"
            """;
        object[] parameters = partition is { } q
            ? [owner, (now + lease).ToDateTimeUtc(), now.ToDateTimeUtc(), batchSize, q.Value]
            : [owner, (now + lease).ToDateTimeUtc(), now.ToDateTimeUtc(), batchSize];
        return await db.Database.SqlQueryRaw<Guid>(sql, parameters).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The heartbeat: extends the lease of the given rows, those a live worker is working on right now, while this
    /// worker still holds them, so a lease can be short (a crashed worker's rows are taken over soon) while one slow
    /// attempt outlasts it. Only rows in flight are renewed: a row claimed by a worker that has since died must lapse.
    /// Returns how many rows it extended.
    /// </summary>
    public Task<int> RenewAsync(string owner, IReadOnlyCollection<Guid> ids, Instant now, Duration lease, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return Task.FromResult(0);
        }

        var sql = $$"""UPDATE {{table}} SET "ClaimedUntil" = {1} WHERE "ClaimedBy" = {0} AND {{unfinished}} AND "Id" IN ({{Placeholders(ids, 2)}})""";
        return db.Database.ExecuteSqlRawAsync(sql, [owner, (now + lease).ToDateTimeUtc(), .. ids.Cast<object>()], cancellationToken);
    }

    /// <summary>Gives back what this worker claimed but did not finish (on shutdown), so others need not wait for the lease.</summary>
    public Task<int> ReleaseAsync(string owner, CancellationToken cancellationToken)
    {
        var sql = $$"""UPDATE {{table}} SET "ClaimedBy" = NULL, "ClaimedUntil" = NULL WHERE "ClaimedBy" = {0} AND {{unfinished}}""";
        return db.Database.ExecuteSqlRawAsync(sql, [owner], cancellationToken);
    }

    /// <summary>Gives back the given rows this worker claimed but did not finish (a batch cut short), so others need not wait for the lease.</summary>
    public Task<int> ReleaseAsync(string owner, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return Task.FromResult(0);
        }

        var sql = $$"""UPDATE {{table}} SET "ClaimedBy" = NULL, "ClaimedUntil" = NULL WHERE "ClaimedBy" = {0} AND {{unfinished}} AND "Id" IN ({{Placeholders(ids, 1)}})""";
        return db.Database.ExecuteSqlRawAsync(sql, [owner, .. ids.Cast<object>()], cancellationToken);
    }

    private static string Placeholders(IReadOnlyCollection<Guid> ids, int first) =>
        string.Join(", ", Enumerable.Range(first, ids.Count).Select(i => $"{{{i}}}"));
}
