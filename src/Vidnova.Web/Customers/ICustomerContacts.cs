using Microsoft.EntityFrameworkCore;
using Vidnova.Persistence;

namespace Vidnova.Customers;

/// <summary>How to reach a customer login: what other modules may know of it besides its id.</summary>
public interface ICustomerContacts
{
    /// <summary>The login's email if it is confirmed (a changed address counts once its new link was followed), else null.</summary>
    Task<string?> ConfirmedEmailAsync(Guid loginId, CancellationToken cancellationToken);
}

internal sealed class CustomerContacts(VidnovaDbContext db) : ICustomerContacts
{
    public async Task<string?> ConfirmedEmailAsync(Guid loginId, CancellationToken cancellationToken) =>
        await db.Set<CustomerLogin>().AsNoTracking()
            .Where(l => l.Id == loginId && l.EmailConfirmed)
            .Select(l => l.Email)
            .SingleOrDefaultAsync(cancellationToken);
}
