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

    /// <summary>
    /// Runs a unit of work that loads, decides and saves, and when it loses a race runs it again on what the winner
    /// left: the change tracker is emptied, so the next try reads fresh rows (and a stale version cannot win again).
    /// Two reports of one request arriving together both stand this way, instead of the loser getting a 409 that a
    /// caller told to retry only 5xx never sends again.
    /// </summary>
    public static async Task<T> RetryOnLostRaceAsync<T>(this DbContext db, Func<Task<T>> unitOfWork, int attempts = 5)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await unitOfWork();
            }
            catch (DbUpdateException exception) when (exception.IsLostRace() && attempt < attempts)
            {
                db.ChangeTracker.Clear();
            }
        }
    }
}
