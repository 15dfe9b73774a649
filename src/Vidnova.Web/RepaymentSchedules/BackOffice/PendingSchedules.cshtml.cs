using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Vidnova.Hosting;
using Vidnova.Kernel;
using Vidnova.Persistence;
using Vidnova.Problems;

namespace Vidnova.RepaymentSchedules.BackOffice;

/// <summary>
/// The schedules outside the policy, waiting for a supervisor, oldest first, with why each was referred; the supervisor
/// approves one or declines it with a reason the customer reads. The latest decisions are listed below, with who made them.
/// </summary>
[Authorize(Policy = AuthorizationPolicies.Supervisor)]
internal sealed class PendingSchedulesModel(VidnovaDbContext db, DecideRepaymentSchedule decide) : PageModel, IShowsRefusals
{
    public const int RecentDecisions = 20;

    public IReadOnlyList<RepaymentSchedule> Pending { get; private set; } = [];

    public IReadOnlyList<RepaymentSchedule> Decided { get; private set; } = [];

    [TempData]
    public string? StatusMessage { get; set; }

    public string? Refusal { get; private set; }

    /// <summary>The schedule whose decline was refused (no reason), so its reason field shows the error.</summary>
    public Guid? ReasonMissingFor { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostApproveAsync(Guid id, string? account, CancellationToken cancellationToken)
    {
        await decide.ApproveAsync(ParsedAccount(account), id, RepaymentSchedulesApi.SupervisorOf(User), cancellationToken);
        StatusMessage = "Графік погоджено.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDeclineAsync(Guid id, string? account, string? reason, CancellationToken cancellationToken)
    {
        ReasonMissingFor = id;
        await decide.DeclineAsync(ParsedAccount(account), id, RepaymentSchedulesApi.SupervisorOf(User), reason, cancellationToken);
        StatusMessage = "Графік відхилено; причину побачить клієнт.";
        return RedirectToPage();
    }

    public async Task<IActionResult> ShowRefusalAsync(PageRefusal refusal, CancellationToken cancellationToken)
    {
        if (refusal.Code != "reason_required")
        {
            ReasonMissingFor = null;
        }

        Refusal = refusal.Sentence;
        await LoadAsync(cancellationToken);
        return Page();
    }

    private static AccountNumber ParsedAccount(string? account) =>
        AccountNumber.TryParse(account, out var number)
            ? number.Value
            : throw new NotFoundException("schedule_not_found", "Графіка погашення за особовим рахунком {0} немає.", account ?? "");

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        // Ordered here: instants are converted values; the queue of waiting schedules is short.
        var pending = await db.Set<RepaymentSchedule>().AsNoTracking()
            .Where(s => s.Status == RepaymentScheduleStatus.PendingApproval).ToListAsync(cancellationToken);
        Pending = [.. pending.OrderBy(s => s.RequestedAt)];
        var decided = await db.Set<RepaymentSchedule>().AsNoTracking()
            .Where(s => s.DecidedBy != null && s.DecidedBy != RepaymentSchedule.PolicyActor)
            .OrderByDescending(s => s.DecidedAt).Take(RecentDecisions).ToListAsync(cancellationToken);
        Decided = decided;
    }
}
