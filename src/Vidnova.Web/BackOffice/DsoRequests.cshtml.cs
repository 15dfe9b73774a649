using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Vidnova.Calendar;
using Vidnova.Dso;
using Vidnova.Hosting;
using Vidnova.Kernel;
using Vidnova.Persistence;
using Vidnova.Restoration;

namespace Vidnova.BackOffice;

/// <summary>Every restoration request sent to a DSO, the nearest deadline first, overdue ones flagged.</summary>
[Authorize(Policy = AuthorizationPolicies.Staff)]
public sealed class DsoRequestsModel(VidnovaDbContext db, IClock clock) : PageModel
{
    public const int PageSize = 50;

    /// <summary>The status filter's value for requests the DSO has not finished (pending or received; the default).</summary>
    public const string OpenFilter = "open";

    public const string AllFilter = "all";

    private static readonly ApplicationStatus[] WithDsoRequest =
        [ApplicationStatus.SentToDso, ApplicationStatus.InProgressAtDso, ApplicationStatus.Restored, ApplicationStatus.RejectedByDso];

    [BindProperty(SupportsGet = true, Name = "dso")]
    public string? Dso { get; set; }

    [BindProperty(SupportsGet = true, Name = "status")]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = "overdue")]
    public bool OverdueOnly { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    public LocalDate Today { get; private set; }

    public IReadOnlyList<DsoOption> Operators { get; private set; } = [];

    public IReadOnlyList<DsoRequestRow> Rows { get; private set; } = [];

    public int Total { get; private set; }

    public int OverdueCount { get; private set; }

    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Today = KyivTime.DateOf(clock.GetCurrentInstant());
        var operators = await db.Set<DistributionOperator>().AsNoTracking()
            .Select(d => new DsoOption(d.Code, d.Name))
            .ToListAsync(ct);
        Operators = [.. operators.OrderBy(d => d.Name, StringComparer.CurrentCultureIgnoreCase)];

        var query = db.Set<RestorationApplication>().AsNoTracking();
        if (DsoCode.TryParse(Dso, out var code))
        {
            var dsoCode = code.Value;
            query = query.Where(a => a.DsoCode == dsoCode);
            Dso = dsoCode.Value;
        }
        else
        {
            Dso = null;
        }

        // Application statuses mirror the request's: pending = sent to DSO, received = in progress, and so on.
        // One status set and one IN (…) in SQL: EF folded IN (…) AND (… OR …) on these converted enums into WHERE 0.
        Status = string.IsNullOrWhiteSpace(Status) ? OpenFilter : Status.Trim();
        IEnumerable<ApplicationStatus> statuses = WithDsoRequest;
        if (Status == OpenFilter)
        {
            statuses = [ApplicationStatus.SentToDso, ApplicationStatus.InProgressAtDso];
        }
        else if (DsoRequestStatusNames.TryParseApiName(Status, out var requestStatus))
        {
            statuses =
            [
                requestStatus switch
                {
                    DsoRequestStatus.Pending => ApplicationStatus.SentToDso,
                    DsoRequestStatus.Received => ApplicationStatus.InProgressAtDso,
                    DsoRequestStatus.Completed => ApplicationStatus.Restored,
                    _ => ApplicationStatus.RejectedByDso,
                },
            ];
        }
        else
        {
            Status = AllFilter;
        }

        if (OverdueOnly)
        {
            statuses = statuses.Where(s => s == ApplicationStatus.InProgressAtDso);
        }

        var wanted = statuses.ToArray();
        query = query.Where(a => wanted.Contains(a.Status));

        var rows = (await query
                .Select(a => new
                {
                    a.Id,
                    a.Number,
                    a.DsoCode,
                    a.Status,
                    Request = a.DsoRequest,
                })
                .ToListAsync(ct))
            .Where(a => a.Request is not null)
            .Select(a => new DsoRequestRow(a.Id, a.Number, a.DsoCode, a.Status, a.Request!.Status, a.Request.CreatedAt,
                a.Request.ReceivedAt, a.Request.Deadline, a.Request.CompletedAt ?? a.Request.RejectedAt))
            .ToList();

        var today = Today;
        OverdueCount = rows.Count(r => r.IsOverdue(today));
        var filtered = OverdueOnly ? rows.Where(r => r.IsOverdue(today)) : rows;

        // Nearest deadline first; requests still waiting for the DSO's acknowledgement (no deadline) after, oldest first.
        var sorted = filtered
            .OrderBy(r => r.Deadline is null ? 1 : 0)
            .ThenBy(r => r.Deadline)
            .ThenBy(r => r.SentAt)
            .ToList();
        Total = sorted.Count;
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Rows = [.. sorted.Skip((PageNumber - 1) * PageSize).Take(PageSize)];
    }

    public string? NameOf(DsoCode code) => Operators.FirstOrDefault(o => o.Code == code)?.Name;
}

public sealed record DsoOption(DsoCode Code, string Name);

public sealed record DsoRequestRow(
    Guid ApplicationId, string Number, DsoCode DsoCode, ApplicationStatus ApplicationStatus, DsoRequestStatus Status,
    Instant SentAt, Instant? ReceivedAt, LocalDate? Deadline, Instant? FinishedAt)
{
    public bool IsOverdue(LocalDate todayInKyiv) =>
        ApplicationStatus == ApplicationStatus.InProgressAtDso && Deadline is { } deadline && todayInKyiv > deadline;

    /// <summary>Calendar days from today to the deadline; negative when overdue; null when there is nothing to count.</summary>
    public int? DaysLeft(LocalDate todayInKyiv) =>
        Deadline is { } deadline && Status is DsoRequestStatus.Received
            ? Period.Between(todayInKyiv, deadline, PeriodUnits.Days).Days
            : null;
}
