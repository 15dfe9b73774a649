using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Vidnova.Customers;
using Vidnova.Hosting;
using Vidnova.Kernel;
using Vidnova.Notifications;
using Vidnova.Persistence;
using Vidnova.Problems;

namespace Vidnova.Dunning;

internal static class DunningApi
{
    public static RouteGroupBuilder MapDunningApi(this RouteGroupBuilder api)
    {
        api.MapPost("/dunning/runs", RunAsync).WithTags("Dunning").RequireAuthorization(AuthorizationPolicies.Administrator)
            .WithName("RunDunning")
            .WithSummary("Runs the daily dunning job now: opens cases, sends due warnings, orders due disconnections, stops paid ones");

        var cases = api.MapGroup("/dunning/cases").WithTags("Dunning");
        cases.MapGet("/", ListAsync).RequireAuthorization(AuthorizationPolicies.Staff).WithName("ListDunningCases")
            .WithSummary("Dunning cases by state (warned, scheduled, paused, disconnection_ordered, disconnected, closed; default every open one), soonest disconnection first");
        cases.MapPost("/{id:guid}/pause", PauseAsync).RequireAuthorization(AuthorizationPolicies.Supervisor).WithName("PauseDunningCase")
            .WithSummary("Pauses a warned or scheduled case with a reason (audited)").ProducesProblem(StatusCodes.Status404NotFound);
        cases.MapPost("/{id:guid}/resume", ResumeAsync).RequireAuthorization(AuthorizationPolicies.Supervisor).WithName("ResumeDunningCase")
            .WithSummary("Resumes a paused case from a new first warning and new dates").ProducesProblem(StatusCodes.Status404NotFound);

        var staff = api.MapGroup("/accounts/{accountNumber}").WithTags("Dunning");
        staff.MapGet("/dunning", GetAsync).RequireAuthorization(AuthorizationPolicies.Staff).WithName("GetAccountDunning")
            .WithSummary("The account's dunning: state, planned disconnection (Kyiv), amount, the warnings with delivery proof");
        staff.MapPost("/court-rulings", RecordRulingAsync).RequireAuthorization(AuthorizationPolicies.Operator).WithName("RecordCourtRuling")
            .DisableAntiforgery().WithMetadata(new RequestSizeLimitAttribute(CourtRuling.MaxFileBytes + 64 * 1024))
            .Accepts<IFormFile>("multipart/form-data")
            .WithSummary("A court's ruling opening proceedings over a household's debt (PRRE 7.11): fields court, courtCaseNumber, openedOn, file");
        staff.MapPost("/court-rulings/{id:guid}/end", EndRulingAsync).RequireAuthorization(AuthorizationPolicies.Operator).WithName("EndCourtDispute")
            .WithSummary("The court dispute is over: dunning may resume (from a new first warning)");

        api.MapGet("/me/accounts/{accountNumber}/dunning", GetOwnAsync).WithTags("Personal account").RequireAuthorization(AuthorizationPolicies.Customer)
            .WithName("GetOwnDunning").WithSummary("Warnings and any planned disconnection of one of the customer's accounts");
        return api;
    }

    private static async Task<Ok<DunningRunResponse>> RunAsync(DunningRun run, CancellationToken cancellationToken)
    {
        var result = await run.RunAsync(dailyWorkDue: true, cancellationToken);
        return TypedResults.Ok(new DunningRunResponse(result.Started, result.Warned, result.Ordered, result.Stopped));
    }

    private static async Task<Ok<DunningResponse>> GetAsync([Text(32)] string accountNumber, VidnovaDbContext db, INotificationOutbox outbox,
        Accounts.IPersonalAccounts accounts, CancellationToken cancellationToken)
    {
        var account = ParseAccount(accountNumber);
        if (!await accounts.ExistsAsync(account, cancellationToken))
        {
            throw new NotFoundException("account_not_found", "Особовий рахунок {0} не знайдено.", account.Value);
        }

        return TypedResults.Ok(await DunningResponse.OfAsync(account, db, outbox, cancellationToken));
    }

    private static async Task<Ok<DunningResponse>> GetOwnAsync([Text(32)] string accountNumber, ICustomerAccounts customers, ClaimsPrincipal user,
        VidnovaDbContext db, INotificationOutbox outbox, CancellationToken cancellationToken)
    {
        var account = await customers.RequireLinkedAsync(CustomerPrincipal.RequiredLoginIdOf(user), accountNumber, cancellationToken);
        return TypedResults.Ok(await DunningResponse.OfAsync(account, db, outbox, cancellationToken));
    }

    private static async Task<Ok<List<DunningCaseItem>>> ListAsync([Text(32)] string? state, [Text(32)] string? account, VidnovaDbContext db,
        CancellationToken cancellationToken)
    {
        var query = db.Set<DunningCase>().AsNoTracking();
        if (state is not null)
        {
            if (!DunningNames.TryParseApiName(state, out var wanted))
            {
                var errors = new InputErrors();
                errors.Add("state", "Стан справи: warned, scheduled, paused, disconnection_ordered, disconnected або closed.");
                errors.ThrowIfAny();
            }

            query = query.Where(c => c.State == wanted);
        }
        else
        {
            query = query.Where(c => c.State != DunningState.Closed);
        }

        if (account is not null)
        {
            var number = ParseAccount(account);
            query = query.Where(c => c.AccountNumber == number);
        }

        var items = await query.OrderBy(c => c.PlannedDisconnectionAt).ThenBy(c => c.AccountNumber).Take(500).ToListAsync(cancellationToken);
        return TypedResults.Ok(items.Select(DunningCaseItem.From).ToList());
    }

    private static async Task<Ok<DunningCaseItem>> PauseAsync(Guid id, PauseCommand body, VidnovaDbContext db, IClock clock, ClaimsPrincipal user,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await ChangeAsync(id, db, c => c.Pause(body.Reason ?? "", StaffIdentity.ActorOf(user), clock.GetCurrentInstant()), cancellationToken));

    private static async Task<Ok<DunningCaseItem>> ResumeAsync(Guid id, VidnovaDbContext db, DunningRun run, ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        var dunningCase = await db.Set<DunningCase>().SingleOrDefaultAsync(c => c.Id == id, cancellationToken) ?? throw CaseNotFound(id);
        await run.ResumeAsync(dunningCase, StaffIdentity.ActorOf(user), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(DunningCaseItem.From(dunningCase));
    }

    private static async Task<Created<CourtRulingResponse>> RecordRulingAsync([Text(32)] string accountNumber, HttpRequest request, CourtRulings rulings,
        ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var account = ParseAccount(accountNumber);
        var command = await CourtRulingForm.ReadAsync(request, cancellationToken);
        var ruling = await rulings.RecordAsync(account, command, StaffIdentity.ActorOf(user), cancellationToken);
        return TypedResults.Created($"/api/v1/accounts/{account}/court-rulings/{ruling.Id}", CourtRulingResponse.From(ruling));
    }

    private static async Task<Ok<CourtRulingResponse>> EndRulingAsync([Text(32)] string accountNumber, Guid id, CourtRulings rulings, ClaimsPrincipal user,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(CourtRulingResponse.From(await rulings.EndAsync(ParseAccount(accountNumber), id, StaffIdentity.ActorOf(user), cancellationToken)));

    private static async Task<DunningCaseItem> ChangeAsync(Guid id, VidnovaDbContext db, Action<DunningCase> change, CancellationToken cancellationToken)
    {
        var dunningCase = await db.Set<DunningCase>().SingleOrDefaultAsync(c => c.Id == id, cancellationToken) ?? throw CaseNotFound(id);
        change(dunningCase);
        await db.SaveChangesAsync(cancellationToken);
        return DunningCaseItem.From(dunningCase);
    }

    private static NotFoundException CaseNotFound(Guid id) => new("dunning_case_not_found", "Справу {0} не знайдено.", id);

    private static AccountNumber ParseAccount(string number)
    {
        if (!AccountNumber.TryParse(number, out var account))
        {
            var errors = new InputErrors();
            errors.Add("accountNumber", "Номер особового рахунку — від 6 до 16 цифр.");
            errors.ThrowIfAny();
        }

        return account!.Value;
    }
}

internal sealed record PauseCommand([property: Text(500)] string? Reason);

internal sealed record DunningRunResponse(int Started, int Warned, int Ordered, int Stopped);

/// <summary>The contract: the state, the planned disconnection (Kyiv local), the amount and each warning as it went out.</summary>
internal sealed record DunningResponse(
    string State, LocalDateTime? PlannedDisconnectionAt, decimal Amount, IReadOnlyList<DunningWarningResponse> Warnings,
    string? CaseNumber, LocalDate? PayBy, string? CloseReason)
{
    public static async Task<DunningResponse> OfAsync(AccountNumber account, VidnovaDbContext db, INotificationOutbox outbox, CancellationToken cancellationToken)
    {
        var latest = await db.Set<DunningCase>().AsNoTracking().Include(c => c.Warnings)
            .Where(c => c.AccountNumber == account).OrderByDescending(c => c.OpenedAt).FirstOrDefaultAsync(cancellationToken);
        if (latest is null)
        {
            return new DunningResponse("none", null, 0m, [], null, null, null);
        }

        var proofs = await outbox.DeliveriesAsync([.. latest.Warnings.Select(w => w.NotificationKey).OfType<string>()], cancellationToken);
        var warnings = latest.Warnings.OrderBy(w => w.QueuedAt).ThenBy(w => w.Channel).Select(w =>
        {
            var proof = w.NotificationKey is { } key ? proofs.GetValueOrDefault(key) : null;
            return new DunningWarningResponse(w.Channel == DunningWarning.Email ? proof?.SentAt : w.QueuedAt, proof?.MessageId, w.Channel, w.Amount.Amount,
                w.DisconnectionAt, w.Sequence);
        }).ToList();
        return new DunningResponse(latest.State.ToApiName(), latest.State == DunningState.Closed ? null : latest.PlannedDisconnectionAt, latest.Amount.Amount,
            warnings, latest.Number, latest.State == DunningState.Closed ? null : latest.PayBy, latest.CloseReason?.ToApiName());
    }
}

/// <param name="SentAt">When the mail server accepted the email (null while it waits in the outbox); for the cabinet, when it was shown.</param>
internal sealed record DunningWarningResponse(Instant? SentAt, string? MessageId, string Channel, decimal Amount, LocalDateTime DisconnectionAt, int Sequence);

internal sealed record DunningCaseItem(
    Guid Id, string Number, string AccountNumber, string State, decimal Amount, LocalDateTime PlannedDisconnectionAt, LocalDate SecondWarningOn,
    LocalDate PayBy, Instant OpenedAt, string? PauseReason, string? CloseReason, Instant? ClosedAt)
{
    public static DunningCaseItem From(DunningCase c) => new(c.Id, c.Number, c.AccountNumber.Value, c.State.ToApiName(), c.Amount.Amount,
        c.PlannedDisconnectionAt, c.SecondWarningOn, c.PayBy, c.OpenedAt, c.PauseReason, c.CloseReason?.ToApiName(), c.ClosedAt);
}

internal sealed record CourtRulingResponse(Guid Id, string AccountNumber, string Court, string CourtCaseNumber, LocalDate OpenedOn, string Outcome,
    Guid? RestorationOrderId, Instant RecordedAt, Instant? EndedAt)
{
    public static CourtRulingResponse From(CourtRuling r) => new(r.Id, r.AccountNumber.Value, r.Court, r.CourtCaseNumber, r.OpenedOn,
        r.Outcome switch
        {
            CourtRulingOutcome.DisconnectionPrevented => "disconnection_prevented",
            CourtRulingOutcome.RestorationOrdered => "restoration_ordered",
            _ => "recorded",
        }, r.RestorationOrderId, r.RecordedAt, r.EndedAt);
}

/// <summary>Reads the ruling's form: its fields and one scan no larger than <see cref="CourtRuling.MaxFileBytes"/>; a malformed form is a 4xx.</summary>
internal static class CourtRulingForm
{
    public static async Task<CourtRulingCommand> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            throw new InputValidationException([new FieldError("file", "Надішліть ухвалу як multipart/form-data: поля court, courtCaseNumber, openedOn і файл у полі file.")]);
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellationToken);
        }
        catch (BadHttpRequestException tooLarge) when (tooLarge.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw TooLarge();
        }
        catch (Exception broken) when (broken is InvalidDataException or IOException && !cancellationToken.IsCancellationRequested)
        {
            throw new BusinessRuleException("malformed_upload", "Тіло запиту — не коректна форма multipart/form-data.") { Category = RefusalCategory.MalformedRequest };
        }

        byte[]? content = null;
        string? fileName = null;
        if (form.Files.GetFiles("file") is [var file])
        {
            if (file.Length > CourtRuling.MaxFileBytes)
            {
                throw TooLarge();
            }

            await using var stream = file.OpenReadStream();
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, cancellationToken);
            content = buffer.ToArray();
            fileName = Path.GetFileName(file.FileName) is { Length: > 0 and <= 200 } name ? name : "ruling";
        }

        return new CourtRulingCommand(Field(form, "court"), Field(form, "courtCaseNumber"), Field(form, "openedOn"), fileName, content);
    }

    private static string? Field(IFormCollection form, string name) => form.TryGetValue(name, out var value) && value.Count == 1 ? value[0] : null;

    private static BusinessRuleException TooLarge() =>
        new("file_too_large", "Файл ухвали більший за 10 МБ. Зменште роздільність скану.") { Category = RefusalCategory.TooLarge };
}
