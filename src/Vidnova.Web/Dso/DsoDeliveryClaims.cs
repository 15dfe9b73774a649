using Vidnova.Persistence;

namespace Vidnova.Dso;

/// <summary>Claims undelivered, not dead-lettered DSO deliveries for one dispatcher (see <see cref="LeaseClaims"/>).</summary>
public sealed class DsoDeliveryClaims(VidnovaDbContext db)
    : LeaseClaims(db, "dso_deliveries", "\"DeliveredAt\" IS NULL AND \"DeadLetteredAt\" IS NULL");
