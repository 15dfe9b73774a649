using Microsoft.EntityFrameworkCore;
using NodaTime;
using Vidnova.Kernel;
using Vidnova.Persistence;
using Vidnova.Problems;

namespace Vidnova.Customers;

/// <summary>
/// Removes a login's link to a personal account, audited; when the holder's login goes, the longest-linked remaining
/// login becomes the holder's, so a family's account is never left without one.
/// </summary>
public sealed class AccountUnlinking(VidnovaDbContext db, IClock clock)
{
    /// <summary>The link removed, or a 404 refusal when that login is not (or no longer) linked to that account.</summary>
    public async Task<AccountLink> HandleAsync(Guid loginId, AccountNumber accountNumber, string actor, string? reason, CancellationToken ct)
    {
        var links = await db.Set<AccountLink>().Where(l => l.AccountNumber == accountNumber)
            .OrderBy(l => l.LinkedAt).ThenBy(l => l.Id).ToListAsync(ct);
        var link = links.SingleOrDefault(l => l.LoginId == loginId)
            ?? throw new NotFoundException("account_link_not_found", "Цей вхід уже не прив'язано до рахунку {0} — можливо, його щойно відв'язав хтось інший. Оновіть сторінку.", accountNumber.Value);

        db.Remove(link);
        db.Add(AccountLinkEvent.Unlinked(link, actor, reason, clock.GetCurrentInstant()));
        if (link.IsHolder && !links.Any(l => l != link && l.IsHolder))
        {
            links.FirstOrDefault(l => l != link)?.BecomeHolder();
        }

        // A second remover of the same link deletes no row: EF's concurrency check makes it lose the race (a 409).
        await db.SaveChangesAsync(ct);
        return link;
    }
}
