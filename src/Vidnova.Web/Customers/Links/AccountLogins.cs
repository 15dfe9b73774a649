using Microsoft.EntityFrameworkCore;
using NodaTime;
using Vidnova.Persistence;
using Vidnova.Problems;

namespace Vidnova.Customers.Links;

/// <summary>A login linked to an account, as the holder's login sees it: the email masked, since it is someone else's.</summary>
public sealed record LinkedLogin(Guid LoginId, string MaskedEmail, bool IsHolder, Instant LinkedAt);

/// <summary>Who else sees an account, the holder's login first: shown to the holder's login only, which may remove them.</summary>
public sealed class AccountLogins(VidnovaDbContext db, ICustomerAccounts linkedAccounts)
{
    public async Task<IReadOnlyList<LinkedLogin>> OfAccountAsync(Guid holderLoginId, string? accountNumber, CancellationToken cancellationToken)
    {
        var number = await linkedAccounts.RequireLinkedAsync(holderLoginId, accountNumber, cancellationToken);
        var links = await db.Set<AccountLink>().Where(l => l.AccountNumber == number)
            .Join(db.Set<CustomerLogin>(), l => l.LoginId, u => u.Id, (l, u) => new { Link = l, u.Email })
            .ToListAsync(cancellationToken);
        EnsureHolder(links.Single(l => l.Link.LoginId == holderLoginId).Link);
        return links.OrderByDescending(l => l.Link.IsHolder).ThenBy(l => l.Link.LinkedAt).ThenBy(l => l.Link.Id)
            .Select(l => new LinkedLogin(l.Link.LoginId, MaskEmail(l.Email ?? ""), l.Link.IsHolder, l.Link.LinkedAt))
            .ToList();
    }

    /// <summary>Whether the login is the holder's, for the pages that offer the list only to it.</summary>
    public Task<bool> IsHolderAsync(Guid loginId, Kernel.AccountNumber accountNumber, CancellationToken cancellationToken) =>
        db.Set<AccountLink>().AnyAsync(l => l.LoginId == loginId && l.AccountNumber == accountNumber && l.IsHolder, cancellationToken);

    internal static void EnsureHolder(AccountLink callersLink)
    {
        if (!callersLink.IsHolder)
        {
            throw new BusinessRuleException("not_account_holder",
                "Керувати доступом до особового рахунку може лише власник — вхід, який першим додав цей рахунок.")
            { Category = RefusalCategory.Forbidden };
        }
    }

    /// <summary>«o***@example.com»: enough for the holder to recognise a family member, too little to harvest addresses.</summary>
    public static string MaskEmail(string email)
    {
        var at = email.LastIndexOf('@');
        return at <= 0 ? "***" : $"{email[0]}***{email[at..]}";
    }
}
