using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Vidnova.Kernel;
using Vidnova.Persistence;
using Vidnova.Problems;

namespace Vidnova.Customers;

/// <summary>Which personal accounts a customer login may see: what every <c>/api/v1/me</c> endpoint and cabinet page asks first.</summary>
public interface ICustomerAccounts
{
    Task<bool> IsLinkedAsync(Guid loginId, AccountNumber accountNumber, CancellationToken cancellationToken);

    /// <summary>The login's accounts in the order it linked them.</summary>
    Task<IReadOnlyList<AccountNumber>> LinkedToAsync(Guid loginId, CancellationToken cancellationToken);

    /// <summary>
    /// The account named in a request, if it is linked to the login; otherwise 404 account_not_found, the same for an
    /// account that does not exist, one linked only to others and a malformed number, so nothing reveals existence.
    /// </summary>
    Task<AccountNumber> RequireLinkedAsync(Guid loginId, string? accountNumber, CancellationToken cancellationToken);
}

internal sealed class CustomerAccounts(VidnovaDbContext db) : ICustomerAccounts
{
    public Task<bool> IsLinkedAsync(Guid loginId, AccountNumber accountNumber, CancellationToken cancellationToken) =>
        db.Set<AccountLink>().AnyAsync(l => l.LoginId == loginId && l.AccountNumber == accountNumber, cancellationToken);

    public async Task<IReadOnlyList<AccountNumber>> LinkedToAsync(Guid loginId, CancellationToken cancellationToken) =>
        await db.Set<AccountLink>().Where(l => l.LoginId == loginId).OrderBy(l => l.LinkedAt).ThenBy(l => l.Id)
            .Select(l => l.AccountNumber).ToListAsync(cancellationToken);

    public async Task<AccountNumber> RequireLinkedAsync(Guid loginId, string? accountNumber, CancellationToken cancellationToken) =>
        AccountNumber.TryParse(accountNumber, out var number) && await IsLinkedAsync(loginId, number.Value, cancellationToken)
            ? number.Value
            : throw AccountAccess.NotLinked();
}

public static class AccountAccess
{
    /// <summary>The one answer for an account a login may not see, whether or not it exists (never 403: that would confirm it does).</summary>
    public static NotFoundException NotLinked() =>
        new("account_not_found", "Такого особового рахунку у вашому кабінеті немає. Якщо рахунок ваш, додайте його за номером, прізвищем власника та EIC-кодом з рахунку за електроенергію.");
}

/// <summary>The customer login behind a request, whether it came with the app's bearer token or the cabinet's cookie.</summary>
public static class CustomerPrincipal
{
    /// <summary>
    /// The login's id, or null when the caller is not a customer login: staff and API keys authenticate with their
    /// own schemes, whose identities Identity did not issue.
    /// </summary>
    public static Guid? LoginIdOf(ClaimsPrincipal user) =>
        user.Identities.FirstOrDefault(i => i.IsAuthenticated && i.AuthenticationType == IdentityConstants.ApplicationScheme) is { } identity
        && Guid.TryParse(identity.FindFirst(ClaimTypes.NameIdentifier)?.Value, out var id)
            ? id
            : null;

    public static Guid RequiredLoginIdOf(ClaimsPrincipal user) =>
        LoginIdOf(user) ?? throw new InvalidOperationException("The customer policies admit only customer logins.");
}
