using Microsoft.EntityFrameworkCore;
using Vidnova.Persistence;
using Vidnova.Restoration.BackOffice;

namespace Vidnova.InboundMail;

/// <summary>The emails received about one application, for the application's staff page.</summary>
internal sealed class ApplicationEmails(VidnovaDbContext db) : IApplicationEmails
{
    public async Task<IReadOnlyList<CustomerEmailRow>> OfApplicationAsync(Guid applicationId, CancellationToken ct)
    {
        var emails = await db.Set<InboundEmail>().AsNoTracking()
            .Where(e => e.ApplicationId == applicationId)
            .OrderByDescending(e => e.ReceivedAt)
            .Select(e => new { e.Id, e.ReceivedAt, e.Subject, e.Outcome, e.NeedsAttention })
            .ToListAsync(ct);
        return [.. emails.Select(e => new CustomerEmailRow(e.Id, e.ReceivedAt, e.Subject, e.Outcome.ToUkrainian(), InboxModel.BadgeClass(e.Outcome), e.NeedsAttention))];
    }
}
