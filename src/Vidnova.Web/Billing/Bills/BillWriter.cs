using Microsoft.EntityFrameworkCore;
using Vidnova.Persistence;

namespace Vidnova.Billing.Bills;

/// <summary>
/// Writes a batch's new bills with their lines in the caller's transaction: on PostgreSQL by binary COPY (ADR 0008;
/// EF's batched inserts were most of a batch's time), on SQLite, which has no COPY and one writer, as EF inserts.
/// </summary>
internal static class BillWriter
{
    public static async Task WriteAsync(VidnovaDbContext db, IReadOnlyList<Bill> bills, CancellationToken cancellationToken)
    {
        if (!db.Database.IsNpgsql())
        {
            db.AddRange(bills);
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        await ModelCopy.WriteAsync(db, bills, null, cancellationToken);
        var owners = new Dictionary<StoredBillLine, Guid>(ReferenceEqualityComparer.Instance);
        foreach (var bill in bills)
        {
            foreach (var line in bill.StoredLines)
            {
                owners.Add(line, bill.Id);
            }
        }

        // The lines' one shadow property is their key to the bill.
        await ModelCopy.WriteAsync(db, owners.Keys, (line, _) => owners[line], cancellationToken);
    }
}
