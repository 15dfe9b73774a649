using Vidnova.Persistence;

namespace Vidnova.Billing.Runs;

/// <summary>Claims unfinished batches of billing runs for one instance (see <see cref="LeaseClaims"/>).</summary>
internal sealed class BillingRunBatchClaims(VidnovaDbContext db)
    : LeaseClaims(db, "billing_run_batches", "\"CompletedAt\" IS NULL AND \"FailedAt\" IS NULL");
