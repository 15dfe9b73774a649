using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Vidnova.Dso.WorkOrders;
using Vidnova.Hosting;
using Vidnova.Kernel;
using Vidnova.Persistence;
using Vidnova.Problems;

namespace Vidnova.Dso.BackOffice;

/// <summary>
/// The DSO delivery outbox as staff see it: what waits, what keeps failing and why, what was given up on.
/// Supervisors put a dead letter back in the queue once the DSO has fixed its side.
/// </summary>
[Authorize(Policy = AuthorizationPolicies.Staff)]
internal sealed class DsoDeliveriesModel(VidnovaDbContext db, IDsoDirectory dsos, WorkOrderQueries workOrders, IAuthorizationService authorization) : PageModel
{
    public const int PageSize = 50;

    /// <summary>The state filters: everything not delivered (the default), each state alone, or all.</summary>
    public static readonly string[] States = ["open", "pending", "failing", "dead", "delivered", "all"];

    [BindProperty(SupportsGet = true, Name = "state")]
    public string? State { get; set; }

    [BindProperty(SupportsGet = true, Name = "dso")]
    public string? Dso { get; set; }

    // From the query only: "page" is also the route value Razor Pages names the page by, which would win and not parse.
    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    [TempData]
    public string? StatusMessage { get; set; }

    public bool CanRetry { get; private set; }

    public IReadOnlyList<DsoOption> Operators { get; private set; } = [];

    public IReadOnlyList<DsoDeliveryRow> Rows { get; private set; } = [];

    public IReadOnlyDictionary<DeliveryState, int> Counts { get; private set; } = new Dictionary<DeliveryState, int>();

    public int Total { get; private set; }

    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public async Task OnGetAsync(CancellationToken ct)
    {
        CanRetry = await MayRetryAsync();
        var stateAsked = States.Contains(State);
        var operators = await dsos.ListAsync(ct);
        Operators = [.. operators.OrderBy(d => d.Name, StringComparer.CurrentCultureIgnoreCase)];

        var query = db.Set<DsoDelivery>().AsNoTracking();
        if (DsoCode.TryParse(Dso, out var code))
        {
            var dsoCode = code.Value;
            query = query.Where(d => d.DsoCode == dsoCode);
            Dso = dsoCode.Value;
        }
        else
        {
            Dso = null;
        }

        // Counted, filtered, ordered and paged in SQL (instants are stored as UTC date-times on both providers). The
        // state is the rank below, written out in each query so that it translates: 0 dead-lettered, 1 failing,
        // 2 pending, 3 delivered — the order the table shows them in.
        var counts = await query
            .GroupBy(d => d.DeliveredAt != null ? 3 : d.DeadLetteredAt != null ? 0 : d.Attempts > 0 ? 1 : 2)
            .Select(g => new { Rank = g.Key, Count = g.Count() })
            .ToListAsync(ct);
        Counts = counts.ToDictionary(c => StateOfRank(c.Rank), c => c.Count);
        // Undelivered first, as the work to do; when everything was delivered (the demo) all of it, not an empty table.
        State = stateAsked ? State
            : CountOf(DeliveryState.Pending) + CountOf(DeliveryState.Failing) + CountOf(DeliveryState.DeadLettered) > 0 ? "open" : "all";
        var wanted = State switch
        {
            "pending" => query.Where(d => d.DeliveredAt == null && d.DeadLetteredAt == null && d.Attempts == 0),
            "failing" => query.Where(d => d.DeliveredAt == null && d.DeadLetteredAt == null && d.Attempts > 0),
            "dead" => query.Where(d => d.DeliveredAt == null && d.DeadLetteredAt != null),
            "delivered" => query.Where(d => d.DeliveredAt != null),
            "all" => query,
            _ => query.Where(d => d.DeliveredAt == null),
        };
        Total = await wanted.CountAsync(ct);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        var page = await wanted
            .OrderBy(d => d.DeliveredAt != null ? 3 : d.DeadLetteredAt != null ? 0 : d.Attempts > 0 ? 1 : 2)
            .ThenByDescending(d => d.CreatedAt)
            .ThenBy(d => d.Id)
            .Skip((PageNumber - 1) * PageSize)
            .Take(PageSize)
            .Select(d => new DsoDeliveryRow(d.Id, d.WorkOrderId, d.DsoCode, d.EventType, d.CreatedAt, d.Attempts, d.LastError, d.NextAttemptAt,
                d.DeliveredAt, d.DeadLetteredAt, d.RetriedBy, d.RetriedAt, null, null))
            .ToListAsync(ct);

        // A work order carries its requester's reference and number (for a restoration, the application's).
        var orders = await workOrders.ByIdsAsync([.. page.Select(d => d.RequestId)], ct);
        Rows = [.. page.Select(d => orders.TryGetValue(d.RequestId, out var o) ? d with { ApplicationId = o.RequesterReference, ApplicationNumber = o.ApplicationNumber } : d)];
    }

    public async Task<IActionResult> OnPostRetryAsync(Guid id, [FromServices] RetryDsoDelivery retry, CancellationToken ct)
    {
        if (!await MayRetryAsync())
        {
            return Forbid();
        }

        try
        {
            StatusMessage = await retry.HandleAsync(id, StaffIdentity.ActorOf(User), ct) == RetryOutcome.Requeued
                ? "Доставку повернуто в чергу: її буде надіслано ОСР найближчим часом."
                : "Цю доставку вже повернуто в чергу або доставлено — нічого не змінено.";
        }
        catch (NotFoundException)
        {
            return NotFound();
        }

        return RedirectToPage(new { state = State, dso = Dso });
    }

    public int CountOf(DeliveryState state) => Counts.TryGetValue(state, out var count) ? count : 0;

    public string? NameOf(DsoCode code) => Operators.FirstOrDefault(o => o.Code == code)?.Name;

    private static DeliveryState StateOfRank(int rank) => rank switch
    {
        0 => DeliveryState.DeadLettered,
        1 => DeliveryState.Failing,
        2 => DeliveryState.Pending,
        _ => DeliveryState.Delivered,
    };

    private async Task<bool> MayRetryAsync() =>
        (await authorization.AuthorizeAsync(User, AuthorizationPolicies.Supervisor)).Succeeded;
}

internal enum DeliveryState
{
    Pending,
    Failing,
    DeadLettered,
    Delivered,
}

internal sealed record DsoDeliveryRow(
    Guid Id, Guid RequestId, DsoCode DsoCode, string EventType, Instant CreatedAt, int Attempts, string? LastError, Instant NextAttemptAt,
    Instant? DeliveredAt, Instant? DeadLetteredAt, string? RetriedBy, Instant? RetriedAt, Guid? ApplicationId, string? ApplicationNumber)
{
    public DeliveryState State => this switch
    {
        { DeliveredAt: not null } => DeliveryState.Delivered,
        { DeadLetteredAt: not null } => DeliveryState.DeadLettered,
        { Attempts: > 0 } => DeliveryState.Failing,
        _ => DeliveryState.Pending,
    };
}
