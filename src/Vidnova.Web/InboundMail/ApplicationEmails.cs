using Microsoft.EntityFrameworkCore;
using NodaTime;
using Vidnova.Persistence;

namespace Vidnova.InboundMail;

/// <summary>A customer's email about an application, as the application's page lists it.</summary>
public sealed record CustomerEmailRow(Guid Id, Instant ReceivedAt, string Subject, InboundEmailOutcome Outcome, bool NeedsAttention);

/// <summary>The emails received about one application, for the capability that owns the application to show.</summary>
public sealed class ApplicationEmails(VidnovaDbContext db)
{
    /// <summary>The emails matched to <paramref name="applicationId"/>, newest first.</summary>
    public async Task<IReadOnlyList<CustomerEmailRow>> OfApplicationAsync(Guid applicationId, CancellationToken ct) =>
        await db.Set<InboundEmail>().AsNoTracking()
            .Where(e => e.ApplicationId == applicationId)
            .OrderByDescending(e => e.ReceivedAt)
            .Select(e => new CustomerEmailRow(e.Id, e.ReceivedAt, e.Subject, e.Outcome, e.NeedsAttention))
            .ToListAsync(ct);
}
