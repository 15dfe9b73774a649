using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Vidnova.Calendar;
using Vidnova.Dso.WorkOrders;
using Vidnova.Hosting;
using Vidnova.Kernel;

namespace Vidnova.Dso.BackOffice;

/// <summary>Every restoration work order sent to a DSO, the nearest deadline first, overdue ones flagged.</summary>
[Authorize(Policy = AuthorizationPolicies.Staff)]
internal sealed class DsoRequestsModel(IDsoDirectory dsos, WorkOrderQueries workOrders, IClock clock) : PageModel
{
    public const int PageSize = 50;

    /// <summary>The status filter's value for requests the DSO has not finished (pending or received; the default).</summary>
    public const string OpenFilter = "open";

    public const string AllFilter = "all";

    [BindProperty(SupportsGet = true, Name = "dso")]
    public string? Dso { get; set; }

    [BindProperty(SupportsGet = true, Name = "status")]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = "overdue")]
    public bool OverdueOnly { get; set; }

    // From the query only: "page" is also the route value Razor Pages names the page by, which would win and not parse.
    [FromQuery(Name = "page")]
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
        var operators = await dsos.ListAsync(ct);
        Operators = [.. operators.OrderBy(d => d.Name, StringComparer.CurrentCultureIgnoreCase)];

        DsoCode? dso = null;
        if (DsoCode.TryParse(Dso, out var code))
        {
            dso = code.Value;
            Dso = dso.Value.Value;
        }
        else
        {
            Dso = null;
        }

        if (string.IsNullOrWhiteSpace(Status))
        {
            // The worklist opens on what the DSO has not finished; when nothing is open (a quiet day, the demo's one
            // restored request) it opens on everything, rather than on an empty table that looks as if none was sent.
            var open = await workOrders.ForStaff(WorkOrderKind.Restoration, dso, [WorkOrderStatus.Pending, WorkOrderStatus.Received]).AnyAsync(ct);
            Status = open || OverdueOnly ? OpenFilter : AllFilter;
        }

        Status = Status.Trim();
        IReadOnlyCollection<WorkOrderStatus> statuses = Enum.GetValues<WorkOrderStatus>();
        if (Status == OpenFilter)
        {
            statuses = [WorkOrderStatus.Pending, WorkOrderStatus.Received];
        }
        else if (WorkOrderNames.TryParseApiName(Status, out WorkOrderStatus wanted))
        {
            statuses = [wanted];
        }
        else
        {
            Status = AllFilter;
        }

        if (OverdueOnly)
        {
            statuses = [.. statuses.Where(s => s == WorkOrderStatus.Received)];
        }

        // Counted, filtered, ordered and paged in SQL: the deadline is stored as a date and the instants as UTC
        // date-times on both providers.
        var today = Today;
        var orders = workOrders.ForStaff(WorkOrderKind.Restoration, dso, statuses);
        var overdue = orders.Where(o => o.Status == WorkOrderStatus.Received && o.Deadline != null && o.Deadline < today);
        OverdueCount = await overdue.CountAsync(ct);
        var filtered = OverdueOnly ? overdue : orders;
        Total = OverdueOnly ? OverdueCount : await filtered.CountAsync(ct);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);

        // Nearest deadline first; requests still waiting for the DSO's acknowledgement (no deadline) after, oldest first.
        Rows = await filtered
            .OrderBy(o => o.Deadline == null ? 1 : 0)
            .ThenBy(o => o.Deadline)
            .ThenBy(o => o.CreatedAt)
            .ThenBy(o => o.Id)
            .Skip((PageNumber - 1) * PageSize)
            .Take(PageSize)
            .Select(o => new DsoRequestRow(o.RequesterReference, o.ApplicationNumber, o.DsoCode, o.Status, o.CreatedAt,
                o.ReceivedAt, o.Deadline, o.CompletedAt ?? o.RejectedAt))
            .ToListAsync(ct);
    }

    public string? NameOf(DsoCode code) => Operators.FirstOrDefault(o => o.Code == code)?.Name;
}

internal sealed record DsoRequestRow(
    Guid ApplicationId, string Number, DsoCode DsoCode, WorkOrderStatus Status,
    Instant SentAt, Instant? ReceivedAt, LocalDate? Deadline, Instant? FinishedAt)
{
    public bool IsOverdue(LocalDate todayInKyiv) =>
        Status == WorkOrderStatus.Received && Deadline is { } deadline && todayInKyiv > deadline;

    /// <summary>Calendar days from today to the deadline; negative when overdue; null when there is nothing to count.</summary>
    public int? DaysLeft(LocalDate todayInKyiv) =>
        Deadline is { } deadline && Status is WorkOrderStatus.Received
            ? Period.Between(todayInKyiv, deadline, PeriodUnits.Days).Days
            : null;
}

/// <summary>How a work order's status reads on the staff pages (the same words as the application's DSO request).</summary>
internal static class WorkOrderDisplay
{
    public static string BadgeClass(WorkOrderStatus status) => status switch
    {
        WorkOrderStatus.Pending => "badge badge-warn",
        WorkOrderStatus.Received => "badge",
        WorkOrderStatus.Completed => "badge badge-ok",
        WorkOrderStatus.Cancelled => "badge",
        _ => "badge badge-bad",
    };

    public static string ToUkrainian(this WorkOrderStatus status) => status switch
    {
        WorkOrderStatus.Pending => "Очікує підтвердження ОСР",
        WorkOrderStatus.Received => "ОСР отримав",
        WorkOrderStatus.Completed => "Виконано",
        WorkOrderStatus.Cancelled => "Скасовано постачальником",
        _ => "Відмовлено",
    };
}
