using Microsoft.AspNetCore.Http.HttpResults;
using Vidnova.Hosting;
using Vidnova.Problems;

namespace Vidnova.Accounts;

public static class AccountsApi
{
    public static RouteGroupBuilder MapAccountsApi(this RouteGroupBuilder api)
    {
        var accounts = api.MapGroup("/accounts").WithTags("Accounts").RequireAuthorization(AuthorizationPolicies.Administrator);
        accounts.MapPut("/{accountNumber}", UpsertAsync)
            .WithName("UpsertAccount")
            .WithSummary("Create or update a personal account")
            .WithDescription("Sets the holder, metering point (EIC), settlement type, DSO, supply status, debt and kind "
                + "(household, the default for a new account, or non_household; omitted keeps the current one). The debt is brought about by one ledger adjustment.");
        return api;
    }

    private static async Task<Results<Created<AccountResponse>, Ok<AccountResponse>>> UpsertAsync(
        [Text(32)] string accountNumber, UpsertAccountCommand body, UpsertAccount useCase, CancellationToken cancellationToken)
    {
        var (account, created) = await useCase.HandleAsync(accountNumber, body, cancellationToken);
        var response = AccountResponse.From(account);
        return created ? TypedResults.Created($"/api/v1/accounts/{account.Number}", response) : TypedResults.Ok(response);
    }
}

public sealed record AccountResponse(string AccountNumber, string HolderName, string Address, string Eic, string Settlement, string DsoCode,
    string SupplyStatus, decimal Debt, decimal Balance, string Kind)
{
    public static AccountResponse From(CustomerAccount account) => new(
        account.Number.Value, account.HolderName, account.Address, account.Eic.Value,
        account.Settlement == Accounts.Settlement.City ? "city" : "rural", account.DsoCode.Value,
        account.SupplyStatus == Accounts.SupplyStatus.Connected ? "connected" : "disconnected_for_debt",
        account.Debt.Amount, account.Balance.Amount, account.Kind == CustomerKind.Household ? "household" : "non_household");
}
