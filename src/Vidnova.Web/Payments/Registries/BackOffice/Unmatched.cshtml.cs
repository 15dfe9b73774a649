using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Vidnova.Accounts;
using Vidnova.Hosting;
using Vidnova.Persistence;
using Vidnova.Problems;
using Vidnova.Shared;

namespace Vidnova.Payments.Registries.BackOffice;

/// <summary>
/// The unmatched-payments queue: registry rows whose account does not exist, each with the accounts one edit away
/// whose holder's surname is the payer's. Staff assign a row to an account (it is booked there) or return it to the
/// partner with a reason; both are audited.
/// </summary>
[Authorize(Policy = AuthorizationPolicies.Operator)]
internal sealed class UnmatchedModel(VidnovaDbContext db, UnmatchedPayments queue) : PageModel
{
    public const int PageSize = 30;

    public static readonly string[] Views = ["waiting", "decided", "all"];

    [BindProperty(SupportsGet = true, Name = "show")]
    public string? Show { get; set; }

    [BindProperty(SupportsGet = true, Name = "partner")]
    public string? Partner { get; set; }

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<PartnerOption> Partners { get; private set; } = [];

    public IReadOnlyList<(PaymentRegistryRow Row, IReadOnlyList<PersonalAccountSummary> Suggestions)> Rows { get; private set; } = [];

    public int Total { get; private set; }

    public int WaitingTotal { get; private set; }

    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    /// <summary>What the last decision did, or why it changed nothing.</summary>
    public string? Outcome { get; private set; }

    public string? Error { get; private set; }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public Task<IActionResult> OnPostAssignAsync(Guid rowId, string? accountNumber, CancellationToken ct) =>
        DecideAsync(async () =>
        {
            var row = await queue.AssignAsync(rowId, accountNumber, StaffIdentity.ActorOf(User), ct);
            return ProblemTexts.Localize(HttpContext, "Платіж {0} з реєстру {1} зараховано на рахунок {2}.", row.Row, row.RegistryNumber, row.AccountNumber!.Value.Value);
        }, ct);

    public Task<IActionResult> OnPostReturnAsync(Guid rowId, string? reason, CancellationToken ct) =>
        DecideAsync(async () =>
        {
            var row = await queue.ReturnAsync(rowId, reason, StaffIdentity.ActorOf(User), ct);
            return ProblemTexts.Localize(HttpContext, "Платіж {0} з реєстру {1} позначено до повернення партнерові.", row.Row, row.RegistryNumber);
        }, ct);

    private async Task<IActionResult> DecideAsync(Func<Task<string>> decision, CancellationToken ct)
    {
        try
        {
            Outcome = await decision();
        }
        catch (InputValidationException invalid)
        {
            Error = string.Join(" ", invalid.Errors.Select(e => ProblemTexts.Localize(HttpContext, e.MessageFormat, e.Arguments)));
        }
        catch (BusinessRuleException refused)
        {
            Error = ProblemTexts.Localize(HttpContext, refused.MessageFormat, [.. refused.Arguments]);
        }
        catch (NotFoundException missing)
        {
            Error = ProblemTexts.Localize(HttpContext, missing.MessageFormat, [.. missing.Arguments]);
        }

        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Show = Views.Contains(Show) ? Show : "waiting";
        Partners = await db.Set<PaymentPartner>().AsNoTracking().OrderBy(p => p.Name).Select(p => new PartnerOption(p.Code, p.Name)).ToListAsync(ct);
        // Rows that ever waited: unmatched now, or decided by staff.
        var query = db.Set<PaymentRegistryRow>().AsNoTracking()
            .Where(r => r.Status == RegistryRowStatus.Unmatched || r.Status == RegistryRowStatus.Assigned || r.Status == RegistryRowStatus.Returned);
        if (Partners.Any(p => p.Code == Partner))
        {
            query = query.Where(r => r.PartnerCode == Partner);
        }
        else
        {
            Partner = null;
        }

        WaitingTotal = await query.CountAsync(r => r.Status == RegistryRowStatus.Unmatched, ct);
        query = Show switch
        {
            "waiting" => query.Where(r => r.Status == RegistryRowStatus.Unmatched),
            "decided" => query.Where(r => r.Status != RegistryRowStatus.Unmatched),
            _ => query,
        };
        Query = Query?.Trim();
        if (!string.IsNullOrEmpty(Query))
        {
            var pattern = $"%{BackOfficeDisplay.EscapeLike(Query)}%";
            query = query.Where(r => EF.Functions.Like(r.AccountNumberText, pattern, BackOfficeDisplay.LikeEscape)
                || EF.Functions.Like(r.PayerName, pattern, BackOfficeDisplay.LikeEscape)
                || EF.Functions.Like(r.Purpose, pattern, BackOfficeDisplay.LikeEscape)
                || EF.Functions.Like(r.RegistryNumber, pattern, BackOfficeDisplay.LikeEscape)
                || EF.Functions.Like(r.Reference, pattern, BackOfficeDisplay.LikeEscape));
        }

        Total = await query.CountAsync(ct);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        var rows = await query.OrderBy(r => r.ReceivedAt).ThenBy(r => r.RegistryNumber).ThenBy(r => r.Row)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        var withSuggestions = new List<(PaymentRegistryRow, IReadOnlyList<PersonalAccountSummary>)>();
        foreach (var row in rows)
        {
            withSuggestions.Add((row, row.Status == RegistryRowStatus.Unmatched ? await queue.SuggestionsAsync(row.AccountNumberText, row.PayerName, ct) : []));
        }

        Rows = withSuggestions;
    }
}
