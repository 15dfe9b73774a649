using Microsoft.EntityFrameworkCore;
using Vidnova.Persistence;
using Vidnova.Problems;

namespace Vidnova.Customers.Links;

/// <summary>
/// Ends a link between a login and an account: the login itself leaves, or the holder's login removes a family
/// member's. When the holder's login leaves, the longest-linked remaining login becomes the holder's, so an account
/// someone still sees always has a holder. Every change is in the link audit.
/// </summary>
public sealed class UnlinkAccount(VidnovaDbContext db, ICustomerAccounts linkedAccounts, AccountUnlinking unlinking)
{
    /// <summary>The login unlinks the account from itself.</summary>
    public async Task HandleAsync(Guid loginId, string? accountNumber, CancellationToken cancellationToken)
    {
        var number = await linkedAccounts.RequireLinkedAsync(loginId, accountNumber, cancellationToken);
        await unlinking.HandleAsync(loginId, number, LinkActor.Customer(loginId), reason: null, cancellationToken);
    }

    /// <summary>The holder's login removes another login's access to the account (or its own, which is leaving).</summary>
    public async Task RemoveLoginAsync(Guid holderLoginId, string? accountNumber, Guid loginId, CancellationToken cancellationToken)
    {
        var number = await linkedAccounts.RequireLinkedAsync(holderLoginId, accountNumber, cancellationToken);
        var links = await db.Set<AccountLink>().Where(l => l.AccountNumber == number).ToListAsync(cancellationToken);
        AccountLogins.EnsureHolder(links.Single(l => l.LoginId == holderLoginId));
        if (links.All(l => l.LoginId != loginId))
        {
            throw new NotFoundException("login_not_linked", "Цей вхід не має доступу до особового рахунку. Оновіть список тих, хто бачить рахунок, і оберіть вхід з нього.");
        }

        await unlinking.HandleAsync(loginId, number, LinkActor.Customer(holderLoginId), reason: null, cancellationToken);
    }
}
