using Microsoft.EntityFrameworkCore;
using NodaTime;
using Vidnova.Kernel;
using Vidnova.Persistence;
using Vidnova.Problems;

namespace Vidnova.Customers.Links;

/// <summary>
/// Ends a link between a login and an account: the login itself leaves, or the holder's login removes a family
/// member's. When the holder's login leaves, the longest-linked remaining login becomes the holder's, so an account
/// someone still sees always has a holder. Every change is in the link audit.
/// </summary>
public sealed class UnlinkAccount(VidnovaDbContext db, ICustomerAccounts linkedAccounts, IClock clock)
{
    /// <summary>The login unlinks the account from itself.</summary>
    public async Task HandleAsync(Guid loginId, string? accountNumber, CancellationToken cancellationToken)
    {
        var number = await linkedAccounts.RequireLinkedAsync(loginId, accountNumber, cancellationToken);
        var links = await LinksOfAsync(number, cancellationToken);
        await UnlinkAsync(links, links.Single(l => l.LoginId == loginId), LinkActor.Customer(loginId), cancellationToken);
    }

    /// <summary>The holder's login removes another login's access to the account (or its own, which is leaving).</summary>
    public async Task RemoveLoginAsync(Guid holderLoginId, string? accountNumber, Guid loginId, CancellationToken cancellationToken)
    {
        var number = await linkedAccounts.RequireLinkedAsync(holderLoginId, accountNumber, cancellationToken);
        var links = await LinksOfAsync(number, cancellationToken);
        AccountLogins.EnsureHolder(links.Single(l => l.LoginId == holderLoginId));
        var removed = links.SingleOrDefault(l => l.LoginId == loginId)
            ?? throw new NotFoundException("login_not_linked", "Цей вхід не має доступу до особового рахунку.");
        await UnlinkAsync(links, removed, LinkActor.Customer(holderLoginId), cancellationToken);
    }

    private Task<List<AccountLink>> LinksOfAsync(AccountNumber number, CancellationToken cancellationToken) =>
        db.Set<AccountLink>().Where(l => l.AccountNumber == number).OrderBy(l => l.LinkedAt).ThenBy(l => l.Id).ToListAsync(cancellationToken);

    private async Task UnlinkAsync(List<AccountLink> links, AccountLink removed, string actor, CancellationToken cancellationToken)
    {
        db.Remove(removed);
        if (removed.IsHolder)
        {
            links.FirstOrDefault(l => l != removed)?.BecomeHolder();
        }

        db.Add(AccountLinkEvent.Unlinked(removed, actor, reason: null, clock.GetCurrentInstant()));
        await db.SaveChangesAsync(cancellationToken);
    }
}
