using Microsoft.EntityFrameworkCore;

namespace Vidnova.Persistence;

/// <summary>
/// Another request changed the same rows first: a stale version, a unique key taken a moment earlier, or the database
/// breaking a deadlock between the two. Nothing of the loser's unit of work was saved; it should look again.
/// </summary>
public static class LostRace
{
    public static bool IsLostRace(this DbUpdateException exception) => exception switch
    {
        DbUpdateConcurrencyException => true,
        { InnerException: Npgsql.PostgresException { SqlState: "23505" or "40P01" or "40001" } } => true,
        { InnerException: Microsoft.Data.Sqlite.SqliteException { SqliteExtendedErrorCode: 2067 or 1555 } } => true,
        _ => false,
    };
}
