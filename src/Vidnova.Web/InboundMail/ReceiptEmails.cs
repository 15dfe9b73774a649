using Microsoft.EntityFrameworkCore;
using Vidnova.Persistence;
using Vidnova.Restoration.Receipts;

namespace Vidnova.InboundMail;

internal sealed class ReceiptEmails(VidnovaDbContext db) : IReceiptEmails
{
    public async Task<IReadOnlySet<Guid>> MatchedOnlyByQuotedNumberAsync(IReadOnlyCollection<Guid> emailIds, CancellationToken cancellationToken) =>
        (await db.Set<InboundEmail>().AsNoTracking()
            .Where(e => emailIds.Contains(e.Id) && (e.MatchedBy == "subject" || e.MatchedBy == "body"))
            .Select(e => e.Id)
            .ToListAsync(cancellationToken)).ToHashSet();
}
