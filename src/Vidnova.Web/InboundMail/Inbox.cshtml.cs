using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Vidnova.Hosting;
using Vidnova.Persistence;
using Vidnova.Shared;

namespace Vidnova.InboundMail;

/// <summary>Customers' emails as staff see them: by default those waiting for a person, with why they wait.</summary>
[Authorize(Policy = AuthorizationPolicies.Staff)]
internal sealed class InboxModel(VidnovaDbContext db) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    /// <summary><c>attention</c> (the default), <c>handled</c> or <c>all</c>.</summary>
    [BindProperty(SupportsGet = true, Name = "show")]
    public string Show { get; set; } = "attention";

    [BindProperty(SupportsGet = true, Name = "outcome")]
    public InboundEmailOutcome? Outcome { get; set; }

    // From the query only: "page" is also the route value Razor Pages names the page by, which would win and not parse.
    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<InboxRow> Rows { get; private set; } = [];

    /// <summary>How many emails wait for a person, by what became of them.</summary>
    public IReadOnlyDictionary<InboundEmailOutcome, int> WaitingByOutcome { get; private set; } = new Dictionary<InboundEmailOutcome, int>();

    public int Total { get; private set; }

    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Query = string.IsNullOrWhiteSpace(Query) ? null : Query.Trim();
        Show = Show is "handled" or "all" ? Show : "attention";

        var waiting = await db.Set<InboundEmail>().AsNoTracking()
            .Where(e => e.NeedsAttention)
            .GroupBy(e => e.Outcome)
            .Select(g => new { Outcome = g.Key, Count = g.Count() })
            .ToListAsync(ct);
        WaitingByOutcome = waiting.ToDictionary(w => w.Outcome, w => w.Count);

        var query = db.Set<InboundEmail>().AsNoTracking();
        query = Show switch
        {
            "attention" => query.Where(e => e.NeedsAttention),
            "handled" => query.Where(e => !e.NeedsAttention),
            _ => query,
        };
        if (Outcome is { } outcome)
        {
            query = query.Where(e => e.Outcome == outcome);
        }

        if (Query is not null)
        {
            var pattern = "%" + BackOfficeDisplay.EscapeLike(Query) + "%";
            query = query.Where(e => EF.Functions.Like(e.From, pattern, BackOfficeDisplay.LikeEscape)
                || EF.Functions.Like(e.Subject, pattern, BackOfficeDisplay.LikeEscape)
                || (e.ApplicationNumber != null && EF.Functions.Like(e.ApplicationNumber, pattern, BackOfficeDisplay.LikeEscape)));
        }

        Total = await query.CountAsync(ct);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        // Oldest first while they wait (first come, first served); newest first when browsing what was done.
        var ordered = Show == "attention" ? query.OrderBy(e => e.ReceivedAt) : query.OrderByDescending(e => e.ReceivedAt);
        Rows = await ordered
            .Skip((PageNumber - 1) * PageSize)
            .Take(PageSize)
            .Select(e => new InboxRow(e.Id, e.ReceivedAt, e.From, e.Subject, e.Outcome, e.Reason, e.ApplicationId, e.ApplicationNumber, e.NeedsAttention,
                e.ResolvedBy))
            .ToListAsync(ct);
    }

    public static string BadgeClass(InboundEmailOutcome outcome) => outcome switch
    {
        InboundEmailOutcome.ReceiptFiled => "badge badge-ok",
        InboundEmailOutcome.Unmatched or InboundEmailOutcome.CouldNotRead => "badge badge-bad",
        InboundEmailOutcome.NotAccepted => "badge badge-warn",
        _ => "badge badge-muted",
    };
}

internal sealed record InboxRow(Guid Id, Instant ReceivedAt, string From, string Subject, InboundEmailOutcome Outcome, string Reason,
    Guid? ApplicationId, string? ApplicationNumber, bool NeedsAttention, string? ResolvedBy);
