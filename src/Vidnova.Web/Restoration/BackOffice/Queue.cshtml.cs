using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Vidnova.Calendar;
using Vidnova.Hosting;
using Vidnova.Kernel;
using Vidnova.Persistence;
using Vidnova.Shared;

namespace Vidnova.Restoration.BackOffice;

/// <summary>The operators' work queue: applications to act on, receipts under review first.</summary>
[Authorize(Policy = AuthorizationPolicies.Staff)]
internal sealed class QueueModel(VidnovaDbContext db, IClock clock) : PageModel
{
    public const int PageSize = 50;

    /// <summary>The status filter's value for "every application that is not finished yet" (the default).</summary>
    public const string OpenFilter = "open";

    public const string AllFilter = "all";

    [BindProperty(SupportsGet = true, Name = "status")]
    public string? Status { get; set; }

    /// <summary><c>overdue</c>, <c>due-soon</c> (deadline today or tomorrow) or <c>no-deadline</c> (sent to the DSO, not acknowledged).</summary>
    [BindProperty(SupportsGet = true, Name = "deadline")]
    public string? Deadline { get; set; }

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    // From the query only: "page" is also the route value Razor Pages names the page by, which would win and not parse.
    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    public LocalDate Today { get; private set; }

    public IReadOnlyList<QueueRow> Rows { get; private set; } = [];

    public int Total { get; private set; }

    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public IReadOnlyDictionary<ApplicationStatus, int> CountsByStatus { get; private set; } = new Dictionary<ApplicationStatus, int>();

    public int OpenCount => CountsByStatus.Where(c => ApplicationStateMachine.IsOpen(c.Key)).Sum(c => c.Value);

    public int AllCount => CountsByStatus.Values.Sum();

    public async Task OnGetAsync(CancellationToken ct)
    {
        Today = KyivTime.DateOf(clock.GetCurrentInstant());
        Status = string.IsNullOrWhiteSpace(Status) ? OpenFilter : Status.Trim();
        Deadline = Deadline is "overdue" or "due-soon" or "no-deadline" ? Deadline : null;
        Query = string.IsNullOrWhiteSpace(Query) ? null : Query.Trim();

        var applications = db.Set<RestorationApplication>().AsNoTracking();
        var counts = await applications.GroupBy(a => a.Status)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToListAsync(ct);
        CountsByStatus = counts.ToDictionary(c => c.Key, c => c.Count);

        // The status and deadline filters become one set of statuses and one IN (…) in SQL.
        IEnumerable<ApplicationStatus> statuses = Enum.GetValues<ApplicationStatus>();
        if (Status == OpenFilter)
        {
            statuses = statuses.Where(ApplicationStateMachine.IsOpen);
        }
        else if (ApplicationStatusNames.TryParseApiName(Status, out var status))
        {
            statuses = [status];
        }
        else
        {
            Status = AllFilter;
        }

        // The deadline filters only concern requests at the DSO; narrowed by status here and by date below.
        if (Deadline is "overdue" or "due-soon")
        {
            statuses = statuses.Where(s => s == ApplicationStatus.InProgressAtDso);
        }
        else if (Deadline == "no-deadline")
        {
            statuses = statuses.Where(s => s == ApplicationStatus.SentToDso);
        }

        var wanted = statuses.ToArray();
        var query = applications.Where(a => wanted.Contains(a.Status));
        if (Query is not null)
        {
            var pattern = "%" + BackOfficeDisplay.EscapeLike(Query) + "%";
            var account = AccountNumber.TryParse(Query, out var parsed) ? parsed : null;
            query = account is { } number
                ? query.Where(a => a.AccountNumber == number
                    || EF.Functions.Like(a.Number, pattern, BackOfficeDisplay.LikeEscape)
                    || EF.Functions.Like(a.Email, pattern, BackOfficeDisplay.LikeEscape))
                : query.Where(a => EF.Functions.Like(a.Number, pattern, BackOfficeDisplay.LikeEscape)
                    || EF.Functions.Like(a.Email, pattern, BackOfficeDisplay.LikeEscape));
        }

        // The deadline is a date (stored as a date on both providers), so its filters, the order and the page are SQL.
        var today = Today;
        var tomorrow = today.PlusDays(1);
        query = Deadline switch
        {
            "overdue" => query.Where(a => a.Status == ApplicationStatus.InProgressAtDso && a.DsoRequest != null
                && a.DsoRequest.Deadline != null && a.DsoRequest.Deadline < today),
            "due-soon" => query.Where(a => a.DsoRequest != null && a.DsoRequest.Deadline != null
                && a.DsoRequest.Deadline >= today && a.DsoRequest.Deadline <= tomorrow),
            "no-deadline" => query.Where(a => a.DsoRequest == null || a.DsoRequest.Deadline == null),
            _ => query,
        };

        Total = await query.CountAsync(ct);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        // Receipts under review first, then oldest first; instants are stored as UTC date-times, which both providers order.
        // Only the columns the table shows.
        Rows = await query
            .OrderBy(a => a.Status == ApplicationStatus.ReceiptUnderReview ? 0 : 1)
            .ThenBy(a => a.SubmittedAt)
            .ThenBy(a => a.Id)
            .Skip((PageNumber - 1) * PageSize)
            .Take(PageSize)
            .Select(a => new QueueRow(a.Id, a.Number, a.AccountNumber, a.Status, a.SubmittedAt, a.DsoCode,
                a.DsoRequest == null ? null : a.DsoRequest.Deadline))
            .ToListAsync(ct);
    }

    public int CountOf(ApplicationStatus status) => CountsByStatus.TryGetValue(status, out var count) ? count : 0;
}

internal sealed record QueueRow(
    Guid Id, string Number, AccountNumber AccountNumber, ApplicationStatus Status, Instant SubmittedAt, DsoCode DsoCode, LocalDate? Deadline)
{
    public bool IsOverdue(LocalDate todayInKyiv) =>
        Status == ApplicationStatus.InProgressAtDso && Deadline is { } deadline && todayInKyiv > deadline;
}
