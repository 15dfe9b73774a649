using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Vidnova.Hosting;
using Vidnova.Ledger;
using Vidnova.Problems;

namespace Vidnova.Accounts;

internal static class AccountsApi
{
    public static RouteGroupBuilder MapAccountsApi(this RouteGroupBuilder api)
    {
        var accounts = api.MapGroup("/accounts").WithTags("Accounts").RequireAuthorization(AuthorizationPolicies.Administrator);
        accounts.MapPut("/{accountNumber}", UpsertAsync)
            .WithName("UpsertAccount")
            .WithSummary("Create or update a personal account")
            .WithDescription("Sets the holder, metering point (EIC), settlement type, DSO and kind (household, the default for a new "
                + "account, or non_household; omitted keeps the current one). debt is the opening balance imported from the previous "
                + "billing system: it may be repeated while the account has no other ledger entries and is refused with 409 "
                + "opening_balance_locked once it has. supplyStatus, when sent, is a staff correction recorded with who made it; "
                + "omitted, the supply state is left as the DSO's work-order events set it (a new account is connected).")
            .ProducesProblem(StatusCodes.Status409Conflict);
        accounts.MapGet("/{accountNumber}", GetAsync)
            .WithName("GetAccount")
            .WithSummary("Read a personal account")
            .WithDescription("The account with its balance, debt and supply state; 404 account_not_found for an unknown number.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<Results<Created<AccountResponse>, Ok<AccountResponse>>> UpsertAsync(
        [Text(32)] string accountNumber, UpsertAccountCommand body, UpsertAccount useCase, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (account, balance, created) = await useCase.HandleAsync(accountNumber, body, user.Identity?.Name ?? "unknown", cancellationToken);
        var response = AccountResponse.From(account, balance);
        return created ? TypedResults.Created($"/api/v1/accounts/{account.Number}", response) : TypedResults.Ok(response);
    }

    private static async Task<Ok<AccountResponse>> GetAsync([Text(32)] string accountNumber, GetAccount useCase, CancellationToken cancellationToken)
    {
        var (account, balance) = await useCase.HandleAsync(accountNumber, cancellationToken);
        return TypedResults.Ok(AccountResponse.From(account, balance));
    }
}

internal sealed record AccountResponse(string AccountNumber, string HolderName, string Address, string Eic, string Settlement, string DsoCode,
    string SupplyStatus, decimal Debt, decimal Balance, string Kind, string? ContactEmail)
{
    public static AccountResponse From(PersonalAccount account, LedgerBalance balance) => new(
        account.Number.Value, account.HolderName, account.Address, account.Eic.Value,
        AccountNames.Of(account.Settlement), account.DsoCode.Value,
        SupplyStatusNames.Of(account.SupplyStatus), balance.Debt.Amount, balance.Balance.Amount, AccountNames.Of(account.Kind), account.ContactEmail);
}
