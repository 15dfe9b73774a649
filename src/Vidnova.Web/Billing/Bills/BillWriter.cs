using Vidnova.Persistence;

namespace Vidnova.Billing.Bills;

/// <summary>Writes a batch's new bills with their lines in the caller's transaction.</summary>
internal static class BillWriter
{
    public static Task WriteAsync(VidnovaDbContext db, IReadOnlyList<Bill> bills, CancellationToken cancellationToken)
    {
        db.AddRange(bills);
        return db.SaveChangesAsync(cancellationToken);
    }
}
