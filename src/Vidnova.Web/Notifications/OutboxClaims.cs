using Vidnova.Persistence;

namespace Vidnova.Notifications;

/// <summary>Claims unsent emails for one dispatcher (see <see cref="LeaseClaims"/>).</summary>
internal sealed class OutboxClaims(VidnovaDbContext db) : LeaseClaims(db, "outbox_messages", "\"SentAt\" IS NULL");
