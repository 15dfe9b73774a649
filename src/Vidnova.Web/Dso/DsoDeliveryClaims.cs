using NodaTime;
using Vidnova.Kernel;
using Vidnova.Persistence;

namespace Vidnova.Dso;

/// <summary>Claims undelivered, not dead-lettered DSO deliveries for one dispatcher (see <see cref="LeaseClaims"/>).</summary>
internal sealed class DsoDeliveryClaims(VidnovaDbContext db)
    : LeaseClaims(db, "dso_deliveries", "\"DeliveredAt\" IS NULL AND \"DeadLetteredAt\" IS NULL")
{
    /// <summary>Claims due deliveries of one DSO only, for that DSO's delivery lane.</summary>
    public Task<IReadOnlyList<Guid>> ClaimDueAsync(string owner, Instant now, Duration lease, int batchSize, DsoCode dso, CancellationToken cancellationToken) =>
        ClaimDueAsync(owner, now, lease, batchSize, ("DsoCode", dso.Value), cancellationToken);
}
