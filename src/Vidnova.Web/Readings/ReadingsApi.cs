using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using NodaTime.Text;
using Vidnova.Accounts;
using Vidnova.Customers;
using Vidnova.Hosting;
using Vidnova.Kernel;
using Vidnova.Problems;

namespace Vidnova.Readings;

public static class ReadingsApi
{
    public static RouteGroupBuilder MapReadingsApi(this RouteGroupBuilder api)
    {
        var accounts = api.MapGroup("/accounts/{accountNumber}").WithTags("Meters and readings");
        accounts.MapPut("/meter", InstallAsync)
            .RequireAuthorization(AuthorizationPolicies.Administrator)
            .WithName("InstallMeter")
            .WithSummary("Install or replace an account's meter")
            .WithDescription("serialNumber, zones (1, 2 or 3), digits (a register rolls over at 10^digits), installedOn and the starting readings "
                + "(the shape of a reading's values). A different serial number replaces the current meter: it is closed on installedOn with "
                + "finalReadings, which the next bill counts. The same meter again changes nothing (200).")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        accounts.MapGet("/meter", GetMeterAsync)
            .RequireAuthorization(AuthorizationPolicies.Staff)
            .WithName("GetMeter")
            .WithSummary("An account's meter, its last reading and the meters it replaced")
            .ProducesProblem(StatusCodes.Status404NotFound);
        accounts.MapPost("/readings", SubmitAsync)
            .RequireAuthorization(AuthorizationPolicies.AdministratorOrDso)
            .WithName("SubmitReading")
            .WithSummary("Submit a meter reading taken by staff, the DSO or a partner")
            .WithDescription("takenOn (a Kyiv date, today when omitted), values per zone, confirm (a rollover or an unusual jump), source "
                + "(staff, dso or partner; a DSO key submits as dso and only for its own accounts). 201 with the period the reading counts for; "
                + "the same reading again is 200, and so is a reading of the same day with other values, which corrects it. Refusals: wrong_zones, reading_below_previous, implausible_jump, reading_in_future, "
                + "reading_before_latest, reading_before_installation, meter_not_installed.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        accounts.MapGet("/readings", ListAsync)
            .RequireAuthorization(AuthorizationPolicies.StaffOrDso)
            .WithName("ListReadings")
            .WithSummary("An account's readings, newest first");

        var own = api.MapGroup("/me/accounts/{accountNumber}/readings").WithTags("Meters and readings").RequireAuthorization(AuthorizationPolicies.Customer);
        own.MapPost("/", SubmitOwnAsync)
            .WithName("SubmitOwnReading")
            .WithSummary("Submit a reading of one of the customer's accounts")
            .WithDescription("takenOn, values per zone and confirm, as for staff; the answer has what the reading form shows: the previous "
                + "reading, the kWh the reading makes and their expected amount. 404 for an account not linked to the login.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        own.MapGet("/", ListOwnAsync)
            .WithName("ListOwnReadings")
            .WithSummary("The readings of one of the customer's accounts, newest first")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<Results<Created<MeterResponse>, Ok<MeterResponse>>> InstallAsync([Text(32)] string accountNumber, InstallMeterCommand body,
        InstallMeter useCase, IMeterReadings readings, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (meter, changed) = await useCase.HandleAsync(accountNumber, body, StaffIdentity.ActorOf(user), cancellationToken);
        var response = MeterResponse.From(meter.AccountNumber, await readings.HistoryAsync(meter.AccountNumber, cancellationToken));
        return changed ? TypedResults.Created($"/api/v1/accounts/{meter.AccountNumber}/meter", response) : TypedResults.Ok(response);
    }

    private static async Task<Ok<MeterResponse>> GetMeterAsync([Text(32)] string accountNumber, IMeterReadings readings, CancellationToken cancellationToken)
    {
        var account = Parse(accountNumber);
        if (await readings.CurrentMeterAsync(account, cancellationToken) is null)
        {
            throw new NotFoundException("meter_not_found", "На рахунку {0} немає лічильника.", account.Value);
        }

        return TypedResults.Ok(MeterResponse.From(account, await readings.HistoryAsync(account, cancellationToken)));
    }

    private static async Task<Results<Created<SubmittedReadingResponse>, Ok<SubmittedReadingResponse>>> SubmitAsync([Text(32)] string accountNumber,
        SubmitReadingCommand body, SubmitReading useCase, IPersonalAccounts accounts, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var account = await VisibleToAsync(user, accountNumber, accounts, cancellationToken);
        var dso = StaffIdentity.DsoOf(user);
        ReadingSource? source = (body.Source, dso) switch
        {
            (null or "dso", not null) => ReadingSource.Dso,
            (_, not null) => null,
            (null or "staff", null) => ReadingSource.Staff,
            ("dso", null) => ReadingSource.Dso,
            ("partner", null) => ReadingSource.Partner,
            _ => null,
        };
        if (source is null)
        {
            var errors = new InputErrors();
            errors.Add("source", dso is null
                ? "Джерело показань: staff, dso або partner."
                : "Ключ ОСР передає показання лише з джерелом dso.");
            errors.ThrowIfAny();
        }

        var result = await useCase.HandleAsync(account, body.TakenOn, body.Values, body.Confirm ?? false, source!.Value, StaffIdentity.ActorOf(user), cancellationToken);
        return Answer(account, result);
    }

    private static async Task<Results<Created<SubmittedReadingResponse>, Ok<SubmittedReadingResponse>>> SubmitOwnAsync([Text(32)] string accountNumber,
        SubmitOwnReadingCommand body, SubmitReading useCase, ICustomerAccounts customers, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var loginId = CustomerPrincipal.RequiredLoginIdOf(user);
        var account = await LinkedAsync(loginId, accountNumber, customers, cancellationToken);
        var result = await useCase.HandleAsync(account, body.TakenOn, body.Values, body.Confirm ?? false, ReadingSource.Customer, $"customer:{loginId}",
            cancellationToken);
        return Answer(account, result);
    }

    private static async Task<Ok<List<ReadingResponse>>> ListAsync([Text(32)] string accountNumber, IMeterReadings readings, IPersonalAccounts accounts,
        ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var account = await VisibleToAsync(user, accountNumber, accounts, cancellationToken);
        return TypedResults.Ok((await readings.HistoryAsync(account, cancellationToken)).Select(ReadingResponse.From).ToList());
    }

    private static async Task<Ok<List<ReadingResponse>>> ListOwnAsync([Text(32)] string accountNumber, IMeterReadings readings, ICustomerAccounts customers,
        ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var account = await LinkedAsync(CustomerPrincipal.RequiredLoginIdOf(user), accountNumber, customers, cancellationToken);
        return TypedResults.Ok((await readings.HistoryAsync(account, cancellationToken)).Select(ReadingResponse.From).ToList());
    }

    private static Results<Created<SubmittedReadingResponse>, Ok<SubmittedReadingResponse>> Answer(AccountNumber account, SubmittedReading result)
    {
        var response = SubmittedReadingResponse.From(result);
        return result.Repeated || result.Corrected ? TypedResults.Ok(response) : TypedResults.Created($"/api/v1/accounts/{account}/readings/{response.Id}", response);
    }

    /// <summary>The account, when it exists and the caller may see it: staff see every account, a DSO only those it supplies.</summary>
    private static async Task<AccountNumber> VisibleToAsync(ClaimsPrincipal user, string accountNumber, IPersonalAccounts accounts, CancellationToken cancellationToken)
    {
        var account = Parse(accountNumber);
        var summary = await accounts.FindAsync(account, cancellationToken);
        if (summary is null || (StaffIdentity.DsoOf(user) is { } dso && summary.DsoCode != dso))
        {
            throw new NotFoundException("account_not_found", "Особовий рахунок {0} не знайдено.", account.Value);
        }

        return account;
    }

    /// <summary>The account, when it is linked to the login; any other is not found, so a login learns nothing of others' accounts.</summary>
    private static async Task<AccountNumber> LinkedAsync(Guid loginId, string accountNumber, ICustomerAccounts customers, CancellationToken cancellationToken)
    {
        if (!AccountNumber.TryParse(accountNumber, out var account) || !await customers.IsLinkedAsync(loginId, account.Value, cancellationToken))
        {
            throw new NotFoundException("account_not_found", "Особовий рахунок {0} не знайдено серед рахунків вашого входу.", accountNumber);
        }

        return account.Value;
    }

    private static AccountNumber Parse(string accountNumber)
    {
        if (!AccountNumber.TryParse(accountNumber, out var account))
        {
            var errors = new InputErrors();
            errors.Add("accountNumber", "Номер особового рахунку — від 6 до 16 цифр.");
            errors.ThrowIfAny();
        }

        return account!.Value;
    }

    internal static string Iso(LocalDate date) => LocalDatePattern.Iso.Format(date);
}

public sealed record MeterResponse(
    string AccountNumber,
    string SerialNumber,
    int Zones,
    int Digits,
    string InstalledOn,
    IReadOnlyDictionary<string, decimal> Readings,
    ReadingResponse? LastReading,
    IReadOnlyList<ReplacedMeterResponse> ReplacedMeters)
{
    public static MeterResponse From(AccountNumber account, IReadOnlyList<ReadingRecord> history)
    {
        var current = history.Select(r => r.Meter).Where(m => m.RemovedOn is null).First();
        var own = history.Where(r => r.Meter.Id == current.Id).ToList();
        var installation = own.Single(r => r.Source == ReadingSource.Installation);
        var replaced = history.Where(r => r.Source == ReadingSource.Removal)
            .Select(r => new ReplacedMeterResponse(r.Meter.SerialNumber.Value, r.Meter.Scheme.Count, r.Meter.Digits, ReadingsApi.Iso(r.Meter.InstalledOn),
                ReadingsApi.Iso(r.Meter.RemovedOn!.Value), r.Values.ToNames()))
            .ToList();
        return new MeterResponse(account.Value, current.SerialNumber.Value, current.Scheme.Count, current.Digits, ReadingsApi.Iso(current.InstalledOn),
            installation.Values.ToNames(), ReadingResponse.From(own[0]), replaced);
    }
}

public sealed record ReplacedMeterResponse(string SerialNumber, int Zones, int Digits, string InstalledOn, string RemovedOn, IReadOnlyDictionary<string, decimal> FinalReadings);

public sealed record ReadingResponse(
    Guid Id,
    string SerialNumber,
    string TakenOn,
    string Period,
    bool EndOfPeriod,
    string Source,
    bool Confirmed,
    IReadOnlyDictionary<string, decimal> Values,
    IReadOnlyDictionary<string, decimal> Consumption,
    decimal Kwh,
    Instant SubmittedAt)
{
    public static ReadingResponse From(ReadingRecord r) => new(r.Id, r.Meter.SerialNumber.Value, ReadingsApi.Iso(r.TakenOn), r.Period.ToString(), r.EndOfPeriod,
        ReadingSourceNames.Of(r.Source), r.Confirmed, r.Values.ToNames(), r.Consumption.ToNames(), r.Consumption.Total.Value, r.SubmittedAt);
}

/// <summary>The answer to a submitted reading: the issue's <c>id</c>, <c>period</c>, <c>consumption</c>, <c>kwh</c>, and what the form shows.</summary>
public sealed record SubmittedReadingResponse(
    Guid Id,
    string Period,
    IReadOnlyDictionary<string, decimal> Consumption,
    decimal Kwh,
    string TakenOn,
    bool EndOfPeriod,
    string Source,
    bool Confirmed,
    bool RolledOver,
    IReadOnlyDictionary<string, decimal> Values,
    PreviousReadingResponse Previous,
    decimal? ExpectedAmount)
{
    public static SubmittedReadingResponse From(SubmittedReading s) => new(s.Reading.Id, s.Reading.Period.ToString(), s.Reading.Consumption.ToNames(),
        s.Reading.Consumption.Total.Value, ReadingsApi.Iso(s.Reading.TakenOn), s.Reading.EndOfPeriod, ReadingSourceNames.Of(s.Reading.Source),
        s.Reading.Confirmed, s.RolledOver, s.Reading.Values.ToNames(), new PreviousReadingResponse(ReadingsApi.Iso(s.Previous.TakenOn), s.Previous.Values.ToNames()),
        s.ExpectedAmount?.Amount);
}

public sealed record PreviousReadingResponse(string TakenOn, IReadOnlyDictionary<string, decimal> Values);
