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
public sealed class DsoDeliveriesModel(VidnovaDbContext db, WorkOrderQueries workOrders, IAuthorizationService authorization) : PageModel
{
    public const int PageSize = 50;

    /// <summary>The state filters: everything not delivered (the default), each state alone, or all.</summary>
    public static readonly string[] States = ["open", "pending", "failing", "dead", "delivered", "all"];

    [BindProperty(SupportsGet = true, Name = "state")]
    public string? State { get; set; }

    [BindProperty(SupportsGet = true, Name = "dso")]
    public string? Dso { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
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
        State = States.Contains(State) ? State : "open";
        var operators = await db.Set<DistributionOperator>().AsNoTracking().Select(d => new DsoOption(d.Code, d.Name)).ToListAsync(ct);
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

        // Sorted and paged in memory, as elsewhere in the back office: SQLite cannot order the converted instants.
        var deliveries = await query
            .Select(d => new DsoDeliveryRow(d.Id, d.WorkOrderId, d.DsoCode, d.EventType, d.CreatedAt, d.Attempts, d.LastError, d.NextAttemptAt,
                d.DeliveredAt, d.DeadLetteredAt, d.RetriedBy, d.RetriedAt, null, null))
            .ToListAsync(ct);
        Counts = deliveries.GroupBy(d => d.State).ToDictionary(g => g.Key, g => g.Count());
        var wanted = State switch
        {
            "pending" => deliveries.Where(d => d.State == DeliveryState.Pending),
            "failing" => deliveries.Where(d => d.State == DeliveryState.Failing),
            "dead" => deliveries.Where(d => d.State == DeliveryState.DeadLettered),
            "delivered" => deliveries.Where(d => d.State == DeliveryState.Delivered),
            "all" => deliveries,
            _ => deliveries.Where(d => d.State != DeliveryState.Delivered),
        };
        var sorted = wanted
            .OrderBy(d => d.State switch { DeliveryState.DeadLettered => 0, DeliveryState.Failing => 1, DeliveryState.Pending => 2, _ => 3 })
            .ThenByDescending(d => d.CreatedAt)
            .ToList();
        Total = sorted.Count;
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        var page = sorted.Skip((PageNumber - 1) * PageSize).Take(PageSize).ToList();

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

    private async Task<bool> MayRetryAsync() =>
        (await authorization.AuthorizeAsync(User, AuthorizationPolicies.Supervisor)).Succeeded;
}

public enum DeliveryState
{
    Pending,
    Failing,
    DeadLettered,
    Delivered,
}

public sealed record DsoDeliveryRow(
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
