using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;
using Vidnova.Calendar;
using Vidnova.Hosting;
using Vidnova.Kernel;
using Vidnova.Persistence;
using Vidnova.Shared;

namespace Vidnova.Dunning.BackOffice;

/// <summary>
/// The dunning queue: cases by state (every open one by default), soonest planned disconnection first, with the amount
/// and the warnings sent; searched by account or case number and by the planned date.
/// </summary>
[Authorize(Policy = AuthorizationPolicies.Staff)]
internal sealed class DunningQueueModel(VidnovaDbContext db, IClock clock) : PageModel
{
    public const int PageSize = 50;

    /// <summary>The state filter's value for every case not closed (the default).</summary>
    public const string OpenFilter = "open";

    [BindProperty(SupportsGet = true, Name = "state")]
    public string? State { get; set; }

    /// <summary>An account number or a part of it, or a case number.</summary>
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    /// <summary>The first day (yyyy-MM-dd, Kyiv) of planned disconnections shown.</summary>
    [BindProperty(SupportsGet = true, Name = "from")]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true, Name = "to")]
    public string? To { get; set; }

    // From the query only: "page" is also the route value Razor Pages names the page by.
    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    public LocalDate Today { get; private set; }

    public IReadOnlyList<DunningQueueRow> Rows { get; private set; } = [];

    public int Total { get; private set; }

    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public IReadOnlyDictionary<DunningState, int> CountsByState { get; private set; } = new Dictionary<DunningState, int>();

    public int OpenCount => CountsByState.Where(c => c.Key != DunningState.Closed).Sum(c => c.Value);

    /// <summary>A date filter that is not a date: said beside it, and left out.</summary>
    public string? DateError { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Today = KyivTime.DateOf(clock.GetCurrentInstant());
        State = DunningNames.TryParseApiName(State?.Trim(), out _) ? State!.Trim() : OpenFilter;
        Query = string.IsNullOrWhiteSpace(Query) ? null : Query.Trim();
        var from = ParseDate(From);
        var to = ParseDate(To);

        var cases = db.Set<DunningCase>().AsNoTracking();
        CountsByState = (await cases.GroupBy(c => c.State).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
            .ToDictionary(c => c.Key, c => c.Count);

        var query = DunningNames.TryParseApiName(State, out var wanted)
            ? cases.Where(c => c.State == wanted)
            : cases.Where(c => c.State != DunningState.Closed);
        if (Query is not null)
        {
            // The case number holds the account number (DN-20261214-7400000001), so a part of either finds it.
            var pattern = "%" + BackOfficeDisplay.EscapeLike(Query) + "%";
            query = query.Where(c => EF.Functions.Like(c.Number, pattern, BackOfficeDisplay.LikeEscape));
        }

        // Kyiv wall-clock times are stored as sortable text on both providers, so the range is SQL.
        if (from is { } first)
        {
            var since = first.AtMidnight();
            query = query.Where(c => c.PlannedDisconnectionAt >= since);
        }

        if (to is { } last)
        {
            var before = last.PlusDays(1).AtMidnight();
            query = query.Where(c => c.PlannedDisconnectionAt < before);
        }

        Total = await query.CountAsync(ct);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        var page = await query
            .OrderBy(c => c.PlannedDisconnectionAt)
            .ThenBy(c => c.Number)
            .Skip((PageNumber - 1) * PageSize)
            .Take(PageSize)
            .Select(c => new { c.Id, c.Number, c.AccountNumber, c.State, c.Amount, c.PlannedDisconnectionAt, c.PayBy })
            .ToListAsync(ct);

        // Each warning is shown on the cabinet once, whatever the emails: those lines count the warnings.
        var ids = page.Select(c => c.Id).ToList();
        var warnings = (await db.Set<DunningWarning>().AsNoTracking()
                .Where(w => ids.Contains(w.CaseId) && w.Channel == DunningWarning.Cabinet)
                .Select(w => new { w.CaseId, w.QueuedAt })
                .ToListAsync(ct))
            .GroupBy(w => w.CaseId)
            .ToDictionary(g => g.Key, g => (Count: g.Count(), Last: g.Max(w => w.QueuedAt)));
        Rows = [.. page.Select(c =>
        {
            var sent = warnings.GetValueOrDefault(c.Id);
            return new DunningQueueRow(c.Id, c.Number, c.AccountNumber, c.State, c.Amount, c.PlannedDisconnectionAt, c.PayBy,
                sent.Count, sent.Count > 0 ? sent.Last : null);
        })];
    }

    public int CountOf(DunningState state) => CountsByState.TryGetValue(state, out var count) ? count : 0;

    private LocalDate? ParseDate(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (LocalDatePattern.Iso.Parse(text.Trim()) is { Success: true } parsed)
        {
            return parsed.Value;
        }

        DateError = "Дату пишіть як рік-місяць-день, напр. 2026-12-28; цей фільтр не застосовано.";
        return null;
    }
}

internal sealed record DunningQueueRow(
    Guid Id, string Number, AccountNumber AccountNumber, DunningState State, Money Amount, LocalDateTime PlannedDisconnectionAt, LocalDate PayBy,
    int WarningsSent, Instant? LastWarningAt);
