using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Vidnova.Hosting;
using Vidnova.Persistence;

namespace Vidnova.Billing.Runs.BackOffice;

/// <summary>
/// One billing run: its figures and a progress bar, kept current while it runs by the page's script polling
/// <c>?handler=Live</c> (the figures as JSON), and the accounts it could not bill with why, plus any batch that failed
/// as a whole. Without script the page is the same, current when loaded.
/// </summary>
[Authorize(Policy = AuthorizationPolicies.Supervisor)]
internal sealed class BillingRunModel(VidnovaDbContext db) : PageModel
{
    public const int FailuresShown = 200;

    public BillingRun Run { get; private set; } = null!;

    public IReadOnlyList<BillingRunFailure> Failures { get; private set; } = [];

    public int FailureCount { get; private set; }

    /// <summary>Batches that failed <c>Billing:MaxAttempts</c> times: their accounts count as failed without a failure row each.</summary>
    public IReadOnlyList<BillingRunBatch> FailedBatches { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, cancellationToken) is not { } run)
        {
            return NotFound();
        }

        Run = run;
        var failures = db.Set<BillingRunFailure>().AsNoTracking().Where(f => f.RunId == id);
        FailureCount = await failures.CountAsync(cancellationToken);
        Failures = await failures.OrderBy(f => f.AccountNumber).Take(FailuresShown).ToListAsync(cancellationToken);
        FailedBatches = await db.Set<BillingRunBatch>().AsNoTracking().Where(b => b.RunId == id && b.FailedAt != null).ToListAsync(cancellationToken);
        return Page();
    }

    /// <summary>What the page's script polls while the run is not over: the figures, never cached.</summary>
    public async Task<IActionResult> OnGetLiveAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, cancellationToken) is not { } run)
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "no-store";
        return new JsonResult(new
        {
            status = BillingRunsApi.StatusName(run.Status),
            accounts = run.Accounts,
            billed = run.Billed,
            estimated = run.Estimated,
            skipped = run.Skipped,
            failed = run.Failed,
            done = BillingRunDisplay.Done(run),
            final = BillingRunDisplay.IsFinal(run.Status),
        });
    }

    private Task<BillingRun?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.Set<BillingRun>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
}
