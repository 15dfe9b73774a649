using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Vidnova.Hosting;
using Vidnova.Persistence;
using Vidnova.Shared;

namespace Vidnova.Notifications.BackOffice;

/// <summary>The outbox as staff see it: what was sent to customers, what waits, what keeps failing and why.</summary>
[Authorize(Policy = AuthorizationPolicies.Staff)]
internal sealed class MailModel(VidnovaDbContext db, ICorrelationNames numbers) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    /// <summary><c>sent</c>, <c>pending</c> (not tried yet) or <c>failed</c> (not sent, at least one failed attempt).</summary>
    [BindProperty(SupportsGet = true, Name = "state")]
    public string? State { get; set; }

    [BindProperty(SupportsGet = true, Name = "application")]
    public Guid? ApplicationId { get; set; }

    // From the query only: "page" is also the route value Razor Pages names the page by, which would win and not parse.
    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    public string? ApplicationNumber { get; private set; }

    public IReadOnlyList<MailRow> Rows { get; private set; } = [];

    public int Total { get; private set; }

    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Query = string.IsNullOrWhiteSpace(Query) ? null : Query.Trim();
        State = State is "sent" or "pending" or "failed" ? State : null;

        var query = db.Set<OutboxMessage>().AsNoTracking();
        if (Query is not null)
        {
            var pattern = "%" + BackOfficeDisplay.EscapeLike(Query) + "%";
            query = query.Where(m => EF.Functions.Like(m.Recipient, pattern, BackOfficeDisplay.LikeEscape)
                || EF.Functions.Like(m.Subject, pattern, BackOfficeDisplay.LikeEscape));
        }

        query = State switch
        {
            "sent" => query.Where(m => m.SentAt != null),
            "pending" => query.Where(m => m.SentAt == null && m.Attempts == 0),
            "failed" => query.Where(m => m.SentAt == null && m.Attempts > 0),
            _ => query,
        };

        if (ApplicationId is { } applicationId)
        {
            query = query.Where(m => m.CorrelationId == applicationId);
            ApplicationNumber = await numbers.NameOfAsync(applicationId, ct);
        }

        Total = await query.CountAsync(ct);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Rows = await query
            .OrderByDescending(m => m.CreatedAt)
            .Skip((PageNumber - 1) * PageSize)
            .Take(PageSize)
            .Select(m => new MailRow(m.Id, m.Recipient, m.Subject, m.CorrelationId, m.CreatedAt, m.SentAt, m.Attempts, m.LastError))
            .ToListAsync(ct);
    }
}

internal sealed record MailRow(Guid Id, string To, string Subject, Guid? ApplicationId, Instant CreatedAt, Instant? SentAt, int Attempts, string? LastError)
{
    public bool IsSent => SentAt is not null;

    public bool IsFailing => SentAt is null && Attempts > 0;
}
