using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Vidnova.Hosting;
using Vidnova.Persistence;
using Vidnova.Problems;

namespace Vidnova.Billing.Runs.BackOffice;

/// <summary>
/// The billing runs, newest first, and the form that starts one for a period (the previous month by default) through
/// the same <see cref="StartBillingRun"/> as <c>POST /api/v1/billing-runs</c>. Supervisors and administrators only:
/// a run bills every account.
/// </summary>
[Authorize(Policy = AuthorizationPolicies.Supervisor)]
internal sealed class BillingRunsModel(VidnovaDbContext db, StartBillingRun start) : PageModel
{
    public const int Shown = 50;

    /// <summary>The period as typed (yyyy-MM, what <c>&lt;input type="month"&gt;</c> sends).</summary>
    [BindProperty]
    public string? Period { get; set; }

    public IReadOnlyList<BillingRun> Runs { get; private set; } = [];

    public string? PeriodError { get; private set; }

    public string? Refusal { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Period = start.DefaultPeriod.ToString();
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        try
        {
            var run = await start.HandleAsync(Period?.Trim(), StaffIdentity.ActorOf(User), cancellationToken);
            return Redirect($"/backoffice/billing-runs/{run.Id}");
        }
        catch (InputValidationException invalid)
        {
            PeriodError = string.Join(" ", invalid.Errors.Select(e => ProblemTexts.Localize(HttpContext, e.MessageFormat, e.Arguments)));
        }
        catch (BusinessRuleException refused)
        {
            Refusal = ProblemTexts.Localize(HttpContext, refused.MessageFormat, [.. refused.Arguments]);
        }

        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Runs = await db.Set<BillingRun>().AsNoTracking().OrderByDescending(r => r.CreatedAt).Take(Shown).ToListAsync(cancellationToken);
}
