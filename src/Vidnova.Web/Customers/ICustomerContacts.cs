using Microsoft.EntityFrameworkCore;
using Vidnova.Kernel;
using Vidnova.Persistence;

namespace Vidnova.Customers;

/// <summary>How to reach a customer login: what other modules may know of it besides its id.</summary>
public interface ICustomerContacts
{
    /// <summary>The login's email if it is confirmed (a changed address counts once its new link was followed), else null.</summary>
    Task<string?> ConfirmedEmailAsync(Guid loginId, CancellationToken cancellationToken);

    /// <summary>
    /// Every login linked to one of <paramref name="accounts"/> whose email is confirmed, with that email: one query
    /// for a whole batch of accounts (the billing run's bill emails), never one per account.
    /// </summary>
    Task<IReadOnlyList<LinkedEmail>> ConfirmedEmailsOfLinkedAsync(IReadOnlyCollection<AccountNumber> accounts, CancellationToken cancellationToken);
}

/// <summary>A login linked to <see cref="AccountNumber"/>, and its confirmed email.</summary>
public sealed record LinkedEmail(AccountNumber AccountNumber, Guid LoginId, string Email);

internal sealed class CustomerContacts(VidnovaDbContext db) : ICustomerContacts
{
    public async Task<string?> ConfirmedEmailAsync(Guid loginId, CancellationToken cancellationToken) =>
        await db.Set<CustomerLogin>().AsNoTracking()
            .Where(l => l.Id == loginId && l.EmailConfirmed)
            .Select(l => l.Email)
            .SingleOrDefaultAsync(cancellationToken);

    public async Task<IReadOnlyList<LinkedEmail>> ConfirmedEmailsOfLinkedAsync(IReadOnlyCollection<AccountNumber> accounts, CancellationToken cancellationToken)
    {
        if (accounts.Count == 0)
        {
            return [];
        }

        var rows = await db.Set<AccountLink>().AsNoTracking()
            .Where(link => accounts.Contains(link.AccountNumber))
            .Join(db.Set<CustomerLogin>().Where(l => l.EmailConfirmed && l.Email != null), link => link.LoginId, login => login.Id,
                (link, login) => new { link.AccountNumber, link.LoginId, login.Email })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new LinkedEmail(r.AccountNumber, r.LoginId, r.Email!))];
    }
}
