using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using NodaTime.Text;
using Vidnova.Accounts;
using Vidnova.Calendar;
using Vidnova.Customers;
using Vidnova.Hosting;
using Vidnova.Kernel;
using Vidnova.Problems;

namespace Vidnova.Billing.Bills;

/// <summary>An account's bills and monthly consumption, for the customer (<c>/me</c>) and for staff.</summary>
public static class BillsApi
{
    /// <summary>yyyy-MM only, so <c>{period}.pdf</c> can be a route of its own.</summary>
    private const string PeriodSegment = "{period:regex(^[0-9]{{4}}-[0-9]{{2}}$)}";

    public static RouteGroupBuilder MapBillsApi(this RouteGroupBuilder api)
    {
        var staff = api.MapGroup("/accounts/{accountNumber}").WithTags("Bills").RequireAuthorization(AuthorizationPolicies.Staff);
        staff.MapGet("/bills", ListAsync).WithName("ListBills").WithSummary("An account's bills, newest first").ProducesProblem(StatusCodes.Status404NotFound);
        staff.MapGet($"/bills/{PeriodSegment}", GetAsync).WithName("GetBill").WithSummary("An account's bill of a period (yyyy-MM)")
            .ProducesProblem(StatusCodes.Status404NotFound);
        staff.MapGet("/consumption", ConsumptionAsync).WithName("GetConsumption")
            .WithSummary("kWh per month and zone, actual or estimated, with the amount, oldest first (months: 1–120, default 24)")
            .ProducesProblem(StatusCodes.Status404NotFound);

        var own = api.MapGroup("/me/accounts/{accountNumber}").WithTags("Bills").RequireAuthorization(AuthorizationPolicies.Customer);
        own.MapGet("/bills", ListOwnAsync).WithName("ListOwnBills").WithSummary("The bills of one of the customer's accounts, newest first")
            .ProducesProblem(StatusCodes.Status404NotFound);
        own.MapGet($"/bills/{PeriodSegment}", GetOwnAsync).WithName("GetOwnBill").WithSummary("A bill of one of the customer's accounts")
            .ProducesProblem(StatusCodes.Status404NotFound);
        own.MapGet("/consumption", ConsumptionOwnAsync).WithName("GetOwnConsumption")
            .WithSummary("The monthly consumption of one of the customer's accounts, oldest first")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<Ok<List<BillResponse>>> ListAsync([Text(32)] string accountNumber, IPersonalAccounts accounts, IBills bills,
        CancellationToken cancellationToken) =>
        TypedResults.Ok((await bills.OfAccountAsync(await ExistingAsync(accountNumber, accounts, cancellationToken), null, cancellationToken))
            .Select(BillResponse.From).ToList());

    private static async Task<Ok<BillResponse>> GetAsync([Text(32)] string accountNumber, [Text(7)] string period, IPersonalAccounts accounts, IBills bills,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await BillOfAsync(await ExistingAsync(accountNumber, accounts, cancellationToken), period, bills, cancellationToken));

    private static async Task<Ok<List<ConsumptionResponse>>> ConsumptionAsync([Text(32)] string accountNumber, int? months, IPersonalAccounts accounts,
        IBills bills, IClock clock, CancellationToken cancellationToken) =>
        TypedResults.Ok(await ConsumptionOfAsync(await ExistingAsync(accountNumber, accounts, cancellationToken), months, bills, clock, cancellationToken));

    private static async Task<Ok<List<BillResponse>>> ListOwnAsync([Text(32)] string accountNumber, ICustomerAccounts customers, IBills bills,
        ClaimsPrincipal user, CancellationToken cancellationToken) =>
        TypedResults.Ok((await bills.OfAccountAsync(await LinkedAsync(user, accountNumber, customers, cancellationToken), null, cancellationToken))
            .Select(BillResponse.From).ToList());

    private static async Task<Ok<BillResponse>> GetOwnAsync([Text(32)] string accountNumber, [Text(7)] string period, ICustomerAccounts customers,
        IBills bills, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        TypedResults.Ok(await BillOfAsync(await LinkedAsync(user, accountNumber, customers, cancellationToken), period, bills, cancellationToken));

    private static async Task<Ok<List<ConsumptionResponse>>> ConsumptionOwnAsync([Text(32)] string accountNumber, int? months,
        ICustomerAccounts customers, IBills bills, IClock clock, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        TypedResults.Ok(await ConsumptionOfAsync(await LinkedAsync(user, accountNumber, customers, cancellationToken), months, bills, clock, cancellationToken));

    private static async Task<BillResponse> BillOfAsync(AccountNumber account, string periodText, IBills bills, CancellationToken cancellationToken)
    {
        if (!BillingPeriod.TryParse(periodText, out var period))
        {
            var errors = new InputErrors();
            errors.Add("period", "Розрахунковий період пишіть як рік і місяць: 2026-11.");
            errors.ThrowIfAny();
        }

        return await bills.FindAsync(account, period!.Value, cancellationToken) is { } bill
            ? BillResponse.From(bill)
            : throw new NotFoundException("bill_not_found", "Рахунку за {0} для особового рахунку {1} немає: період ще не виставлено.", period.Value.ToString(), account.Value);
    }

    private static async Task<List<ConsumptionResponse>> ConsumptionOfAsync(AccountNumber account, int? months, IBills bills, IClock clock,
        CancellationToken cancellationToken)
    {
        var count = months ?? 24;
        if (count is < 1 or > 120)
        {
            var errors = new InputErrors();
            errors.Add("months", "Кількість місяців — від 1 до 120.");
            errors.ThrowIfAny();
        }

        return [.. (await LastMonthsAsync(account, count, bills, clock, cancellationToken)).Select(ConsumptionResponse.From)];
    }

    /// <summary>
    /// The bills of the last <paramref name="months"/> months before the current one (Kyiv), oldest first: what the
    /// consumption JSON, the cabinet's chart, its table and its CSV all show.
    /// </summary>
    internal static async Task<IReadOnlyList<Bill>> LastMonthsAsync(AccountNumber account, int months, IBills bills, IClock clock,
        CancellationToken cancellationToken)
    {
        var since = KyivTime.DateOf(clock.GetCurrentInstant()).ToYearMonth().PlusMonths(-months);
        var recent = await bills.OfAccountAsync(account, BillingPeriod.Of(since.Year, since.Month), cancellationToken);
        return [.. recent.Reverse()];
    }

    private static async Task<AccountNumber> ExistingAsync(string accountNumber, IPersonalAccounts accounts, CancellationToken cancellationToken)
    {
        if (!AccountNumber.TryParse(accountNumber, out var account))
        {
            var errors = new InputErrors();
            errors.Add("accountNumber", "Номер особового рахунку — від 6 до 16 цифр.");
            errors.ThrowIfAny();
        }

        return await accounts.ExistsAsync(account!.Value, cancellationToken)
            ? account.Value
            : throw new NotFoundException("account_not_found", "Особовий рахунок {0} не знайдено.", account.Value.Value);
    }

    private static Task<AccountNumber> LinkedAsync(ClaimsPrincipal user, string accountNumber, ICustomerAccounts customers, CancellationToken cancellationToken) =>
        customers.RequireLinkedAsync(CustomerPrincipal.RequiredLoginIdOf(user), accountNumber, cancellationToken);

    internal static string Iso(LocalDate date) => LocalDatePattern.Iso.Format(date);
}

/// <summary>A bill as the issue writes it.</summary>
public sealed record BillResponse(
    string AccountNumber,
    string Period,
    bool Estimated,
    decimal Kwh,
    IReadOnlyList<BillLineResponse> Lines,
    decimal Amount,
    decimal PreviousBalance,
    decimal Payments,
    decimal ToPay,
    string DueDate,
    BillEstimateResponse? Estimate)
{
    public static BillResponse From(Bill bill) => new(bill.AccountNumber.Value, bill.Period.ToString(), bill.Estimated, bill.Kwh.Value,
        [.. bill.Lines.Select(l => new BillLineResponse(BillNames.Of(l.Kind), MeterZoneNames.Of(l.Zone), l.Kwh.Value, l.Price.UahPerKwh, l.Amount.Amount))],
        bill.Amount.Amount, bill.PreviousBalance.Amount, bill.Payments.Amount, bill.ToPay.Amount, BillsApi.Iso(bill.DueDate),
        bill.EstimateMethod is { } method ? new BillEstimateResponse(BillNames.Of(method), bill.AverageDailyKwh ?? 0m) : null);
}

public sealed record BillLineResponse(string Kind, string Zone, decimal Kwh, decimal Price, decimal Amount);

public sealed record BillEstimateResponse(string Method, decimal AverageDailyKwh);

/// <summary>One month of the consumption chart: kWh per zone, whether estimated, and the bill's amount.</summary>
public sealed record ConsumptionResponse(string Period, decimal Kwh, IReadOnlyDictionary<string, decimal> Zones, bool Estimated, decimal Amount)
{
    public static ConsumptionResponse From(Bill bill) => new(bill.Period.ToString(), bill.Kwh.Value,
        bill.ZoneKwh.ToDictionary(z => MeterZoneNames.Of(z.Key), z => z.Value.Value), bill.Estimated, bill.Amount.Amount);
}
