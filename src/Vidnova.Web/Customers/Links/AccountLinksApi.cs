using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using Vidnova.Hosting;
using Vidnova.Problems;

namespace Vidnova.Customers.Links;

/// <summary>
/// The links of the caller's login under <c>/api/v1/me/accounts</c>: unlinking, and the holder's view of the other
/// logins. Linking itself answers with the account, which the cabinet reads, so it is mapped there (<c>Cabinet/</c>).
/// </summary>
internal static class AccountLinksApi
{
    public static RouteGroupBuilder MapAccountLinksApi(this RouteGroupBuilder api)
    {
        var accounts = api.MapGroup("/me/accounts").WithTags("Personal account").RequireAuthorization(AuthorizationPolicies.Customer);
        accounts.MapDelete("/{accountNumber}", UnlinkAsync)
            .WithName("UnlinkMyAccount")
            .WithSummary("Unlink a personal account from the caller's login")
            .WithDescription("204; 404 account_not_found when it is not linked to this login. When the holder's login leaves, the longest-linked remaining login becomes the holder's.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        accounts.MapGet("/{accountNumber}/logins", LoginsAsync)
            .WithName("ListMyAccountLogins")
            .WithSummary("The logins linked to the account, for its holder's login (emails masked)")
            .WithDescription("403 not_account_holder for another linked login; 404 account_not_found when it is not linked to this login.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        accounts.MapDelete("/{accountNumber}/logins/{loginId:guid}", RemoveLoginAsync)
            .WithName("RemoveMyAccountLogin")
            .WithSummary("The holder's login removes another login's access to the account")
            .WithDescription("204; 403 not_account_holder unless the caller's login is the holder's; 404 login_not_linked for a login without access.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<NoContent> UnlinkAsync([Text(32)] string accountNumber, ClaimsPrincipal user, UnlinkAccount useCase, CancellationToken cancellationToken)
    {
        await useCase.HandleAsync(CustomerPrincipal.RequiredLoginIdOf(user), accountNumber, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<LinkedLoginResponse[]>> LoginsAsync(
        [Text(32)] string accountNumber, ClaimsPrincipal user, AccountLogins logins, CancellationToken cancellationToken)
    {
        var linked = await logins.OfAccountAsync(CustomerPrincipal.RequiredLoginIdOf(user), accountNumber, cancellationToken);
        return TypedResults.Ok(linked.Select(l => new LinkedLoginResponse(l.LoginId, l.MaskedEmail, l.IsHolder, l.LinkedAt)).ToArray());
    }

    private static async Task<NoContent> RemoveLoginAsync(
        [Text(32)] string accountNumber, Guid loginId, ClaimsPrincipal user, UnlinkAccount useCase, CancellationToken cancellationToken)
    {
        await useCase.RemoveLoginAsync(CustomerPrincipal.RequiredLoginIdOf(user), accountNumber, loginId, cancellationToken);
        return TypedResults.NoContent();
    }
}

/// <param name="Email">Masked: the first letter and the domain (<c>o***@example.com</c>).</param>
internal sealed record LinkedLoginResponse(Guid LoginId, string Email, bool IsHolder, Instant LinkedAt);
