using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using NodaTime;
using Vidnova.Accounts;
using Vidnova.Calendar;
using Vidnova.Customers;
using Vidnova.Customers.Links;
using Vidnova.Hosting;
using Vidnova.Localization;
using Vidnova.Problems;
using Vidnova.Restoration;

namespace Vidnova.Cabinet;

/// <summary>The personal account's API for the mobile app and the cabinet: <c>/api/v1/me/accounts</c>.</summary>
internal static class CabinetApi
{
    public static RouteGroupBuilder MapCabinetApi(this RouteGroupBuilder api)
    {
        var accounts = api.MapGroup("/me/accounts").WithTags("Personal account").RequireAuthorization(AuthorizationPolicies.Customer);
        accounts.MapPost("/", LinkAsync)
            .WithName("LinkMyAccount")
            .WithSummary("Link a personal account to the caller's login, proven by the holder's surname and the metering point's EIC")
            .WithDescription("201 with the account; 200 with it when already linked. A wrong proof is 422 account_link_not_proven, "
                + "whichever part was wrong; after RateLimits:AccountLinks wrong proofs in an hour (per login or per account) 429 rate_limited.")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        accounts.MapGet("/", ListAsync)
            .WithName("ListMyAccounts")
            .WithSummary("The accounts linked to the caller's login: address, balance, debt, supply status, open restoration application");
        accounts.MapGet("/{accountNumber}", GetAsync)
            .WithName("GetMyAccount")
            .WithSummary("One linked account with its holder, EIC, DSO, settlement and customer kind")
            .WithDescription("404 account_not_found for any account not linked to this login.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        accounts.MapGet("/{accountNumber}/ledger", LedgerAsync)
            .WithName("GetMyAccountLedger")
            .WithSummary("Charges, payments and adjustments with the running balance; Accept: text/csv for a spreadsheet")
            .WithDescription("from and to are Kyiv dates (2026-11-25), both included, either optional; openingBalance is the balance before from. "
                + "400 invalid_input for a bad date or from after to.")
            .Produces(StatusCodes.Status200OK, contentType: LedgerCsv.ContentType)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<Results<Created<MyAccountDetailsResponse>, Ok<MyAccountDetailsResponse>>> LinkAsync(
        LinkAccountCommand body, ClaimsPrincipal user, LinkAccount link, CabinetAccounts accounts, CancellationToken cancellationToken)
    {
        var loginId = CustomerPrincipal.RequiredLoginIdOf(user);
        var linked = await link.HandleAsync(loginId, body, cancellationToken);
        var response = MyAccountDetailsResponse.From(await accounts.GetAsync(loginId, linked.AccountNumber.Value, cancellationToken));
        return linked.Created
            ? TypedResults.Created($"/api/v1/me/accounts/{linked.AccountNumber}", response)
            : TypedResults.Ok(response);
    }

    private static async Task<Ok<MyAccountResponse[]>> ListAsync(ClaimsPrincipal user, CabinetAccounts accounts, CancellationToken cancellationToken) =>
        TypedResults.Ok((await accounts.ListAsync(CustomerPrincipal.RequiredLoginIdOf(user), cancellationToken)).Select(MyAccountResponse.From).ToArray());

    private static async Task<Ok<MyAccountDetailsResponse>> GetAsync(
        [Text(32)] string accountNumber, ClaimsPrincipal user, CabinetAccounts accounts, CancellationToken cancellationToken) =>
        TypedResults.Ok(MyAccountDetailsResponse.From(await accounts.GetAsync(CustomerPrincipal.RequiredLoginIdOf(user), accountNumber, cancellationToken)));

    private static async Task<Results<Ok<LedgerResponse>, FileContentHttpResult>> LedgerAsync(
        [Text(32)] string accountNumber, [Text(32)] string? from, [Text(32)] string? to, HttpRequest request, ClaimsPrincipal user,
        CabinetAccounts accounts, IStringLocalizer<SharedResource> text, CancellationToken cancellationToken)
    {
        var period = StatementPeriod.Parse(from, to);
        var (number, statement) = await accounts.StatementAsync(CustomerPrincipal.RequiredLoginIdOf(user), accountNumber, period, cancellationToken);
        if (WantsCsv(request))
        {
            return TypedResults.File(LedgerCsv.Write(statement, text, CultureInfo.CurrentCulture), LedgerCsv.ContentType + "; charset=utf-8",
                LedgerCsv.FileName(number, period));
        }

        return TypedResults.Ok(new LedgerResponse(number.Value, period.From, period.To, statement.OpeningBalance.Amount, statement.ClosingBalance.Amount,
            statement.Lines.Select(l => new LedgerEntryResponse(KyivTime.DateOf(l.OccurredAt), LedgerKinds.ApiName(l.Kind), l.Description,
                l.Amount.Amount, l.RunningBalance.Amount)).ToArray()));
    }

    /// <summary>CSV when the client asks for it over JSON (or only for it); JSON otherwise.</summary>
    private static bool WantsCsv(HttpRequest request)
    {
        var accepted = request.GetTypedHeaders().Accept;
        var csv = accepted.Where(a => a.MediaType.Equals(LedgerCsv.ContentType, StringComparison.OrdinalIgnoreCase)).Select(a => a.Quality ?? 1).DefaultIfEmpty(0).Max();
        var json = accepted.Where(a => a.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)).Select(a => a.Quality ?? 1).DefaultIfEmpty(0).Max();
        return csv > 0 && csv >= json;
    }
}

/// <summary>The open restoration application of an account: its id opens it at <c>/restoration/{id}</c>.</summary>
internal sealed record OpenApplicationResponse(Guid Id, string Number, string Status)
{
    public static OpenApplicationResponse? From(OpenRestorationApplication? open) =>
        open is null ? null : new(open.Id, open.Number, open.Status.ToApiName());
}

internal sealed record MyAccountResponse(string AccountNumber, string Address, decimal Balance, decimal Debt, string SupplyStatus, OpenApplicationResponse? OpenApplication)
{
    public static MyAccountResponse From(CabinetAccount account) => new(account.Number.Value, account.Account.Address,
        account.Balance.Balance.Amount, account.Balance.Debt.Amount, AccountNames.Of(account.Account.SupplyStatus), OpenApplicationResponse.From(account.OpenApplication));
}

/// <summary>The list's fields and the account's details.</summary>
internal sealed record MyAccountDetailsResponse(
    string AccountNumber, string Address, decimal Balance, decimal Debt, string SupplyStatus, OpenApplicationResponse? OpenApplication,
    string HolderName, string Eic, string? DsoName, string Settlement, string Kind)
{
    public static MyAccountDetailsResponse From(CabinetAccount account) => new(account.Number.Value, account.Account.Address,
        account.Balance.Balance.Amount, account.Balance.Debt.Amount, AccountNames.Of(account.Account.SupplyStatus), OpenApplicationResponse.From(account.OpenApplication),
        account.Account.HolderName, account.Account.Eic.Value, account.DsoName, AccountNames.Of(account.Account.Settlement), AccountNames.Of(account.Account.Kind));
}

/// <param name="OpeningBalance">The balance before <paramref name="From"/> (zero without it); each entry's running balance continues from it.</param>
internal sealed record LedgerResponse(string AccountNumber, LocalDate? From, LocalDate? To, decimal OpeningBalance, decimal ClosingBalance, LedgerEntryResponse[] Entries);

/// <param name="Amount">Signed: a charge raises the balance, a payment (negative) lowers it.</param>
internal sealed record LedgerEntryResponse(LocalDate Date, string Kind, string Description, decimal Amount, decimal RunningBalance);
