using Microsoft.EntityFrameworkCore;

namespace Vidnova.Persistence;

/// <summary>
/// A customer's on/off choice stored as the presence of one row (a reading reminder, bills by email): turning it on
/// adds the row if missing, turning it off removes it, and the same choice saved at once from two tabs stands either way.
/// </summary>
public static class OptIns
{
    /// <param name="existing">The choice's row, if any (at most one: the key is the login and the account).</param>
    /// <param name="create">The row that turns it on.</param>
    public static async Task SetAsync<T>(DbContext db, IQueryable<T> existing, bool on, Func<T> create, CancellationToken cancellationToken)
        where T : class
    {
        var row = await existing.SingleOrDefaultAsync(cancellationToken);
        if (on && row is null)
        {
            db.Add(create());
        }
        else if (!on && row is not null)
        {
            db.Remove(row);
        }
        else
        {
            return;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException lost) when (lost.IsLostRace())
        {
            db.ChangeTracker.Clear();
        }
    }
}
