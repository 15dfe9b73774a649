using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Vidnova.Hosting;
using Vidnova.Payments.Statements;
using Vidnova.Persistence;
using Vidnova.Problems;
using Vidnova.Restoration;
using Vidnova.Restoration.DsoEvents;
using Vidnova.Restoration.PaymentStatements;

namespace Vidnova.Dso;

public static class DsoApi
{
    public static RouteGroupBuilder MapDsoApi(this RouteGroupBuilder api)
    {
        var admin = api.MapGroup("/dsos").WithTags("DSOs").RequireAuthorization(AuthorizationPolicies.Administrator);
        admin.MapPut("/{dsoCode}", UpsertAsync)
            .WithName("UpsertDso")
            .WithSummary("Create or update a distribution system operator")
            .WithDescription("Name, EDRPOU and IBAN (both validated with their check digits), the default restoration price and the channel "
                + "requests reach the DSO by: {\"type\":\"webhook\",\"url\",\"secret\"}, {\"type\":\"email\",\"address\"} or {\"type\":\"pull\"} "
                + "(the default; omitted keeps the current one). "
                + "See docs/dso-protocol.md.");
        admin.MapPost("/{dsoCode}/api-keys", IssueKeyAsync)
            .WithName("IssueDsoApiKey")
            .WithSummary("Issue a new API key for a DSO (shown once, stored hashed)");

        var dso = api.MapGroup("/dso/restoration-requests").WithTags("DSO exchange").RequireAuthorization(AuthorizationPolicies.Dso);
        dso.MapGet("/", ListAsync)
            .WithName("ListDsoRestorationRequests")
            .WithSummary("The calling DSO's restoration requests, optionally by status (pending, received, completed, rejected)");
        dso.MapPost("/{id:guid}/events", RecordEventAsync)
            .WithName("RecordDsoEvent")
            .WithSummary("Report on a restoration request: received (starts the SLA), completed or rejected");
        api.MapGroup("/dso/payment-statements").WithTags("DSO exchange").RequireAuthorization(AuthorizationPolicies.Dso)
            .MapPost("/", ImportStatementAsync)
            .WithName("ImportDsoPaymentStatement")
            .WithSummary("Lines of the DSO's bank statement: a line quoting an application number for at least the invoice confirms its payment")
            .WithDescription("Idempotent per lineId: a line received before changes nothing and is listed under duplicates. "
                + "Every line is validated first; one bad line refuses the whole call (400, errors keyed lines[i].field). See docs/dso-protocol.md.");
        api.MapDsoWebhooks();
        return api;
    }

    private static async Task<Ok<PaymentStatementResponse>> ImportStatementAsync(
        PaymentStatementRequest body, HttpContext http, ImportPaymentStatement useCase, CancellationToken cancellationToken)
    {
        var dso = ApiKeyAuthentication.DsoOf(http.User);
        var lines = body.Lines?.Select(l => l is null ? null : new StatementLineDraft(l.LineId, l.Amount?.ToString(CultureInfo.InvariantCulture),
            l.ValueDate, l.PayerName, l.PayerIban, l.Purpose)).ToList();
        var result = await useCase.HandleAsync(
            new ImportPaymentStatementCommand(dso, body.StatementId, lines, Actors.Dso(dso), PaymentStatementLine.ApiSource), cancellationToken);
        return TypedResults.Ok(new PaymentStatementResponse(
            [.. result.Matched.Select(l => new MatchedStatementLine(l.LineId, l.ApplicationNumber!))],
            [.. result.Unmatched.Select(l => l.LineId)],
            result.Duplicates));
    }

    private static async Task<Results<Created<DsoResponse>, Ok<DsoResponse>>> UpsertAsync(
        [Text(32)] string dsoCode, UpsertDsoCommand body, RegisterDso useCase, CancellationToken cancellationToken)
    {
        var (dso, created) = await useCase.HandleAsync(dsoCode, body, cancellationToken);
        var response = new DsoResponse(dso.Code.Value, dso.Name, dso.Edrpou.Value, dso.Iban.Value, dso.DefaultRestorationPrice.Amount,
            new DsoChannelResponse(dso.ChannelType.ToString().ToLowerInvariant(), dso.WebhookUrl, dso.ChannelEmail));
        return created ? TypedResults.Created($"/api/v1/dsos/{dso.Code}", response) : TypedResults.Ok(response);
    }

    private static async Task<Created<ApiKeyResponse>> IssueKeyAsync([Text(32)] string dsoCode, IssueDsoApiKey useCase, CancellationToken cancellationToken)
    {
        var key = await useCase.HandleAsync(dsoCode, cancellationToken);
        return TypedResults.Created((string?)null, new ApiKeyResponse(key));
    }

    private static async Task<Ok<DsoRequestListResponse>> ListAsync(
        [Text(20)] string? status, HttpContext http, VidnovaDbContext db, CancellationToken cancellationToken)
    {
        var dso = ApiKeyAuthentication.DsoOf(http.User);
        DsoRequestStatus? filter = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (!DsoRequestStatusNames.TryParseApiName(status, out var parsed))
            {
                throw new InputValidationException([new FieldError("status", "Статус має бути pending, received, completed або rejected.")]);
            }

            filter = parsed;
        }

        var query = db.Set<RestorationApplication>().AsNoTracking().Where(a => a.DsoRequest != null && a.DsoCode == dso);
        if (filter is { } wanted)
        {
            query = query.Where(a => a.DsoRequest!.Status == wanted);
        }

        var applications = await query.ToListAsync(cancellationToken);
        var accounts = await db.Set<Accounts.PersonalAccount>().AsNoTracking()
            .Where(a => applications.Select(x => x.AccountNumber).Contains(a.Number))
            .ToDictionaryAsync(a => a.Number, cancellationToken);
        var items = applications
            .OrderBy(a => a.DsoRequest!.CreatedAt)
            .Select(a => DsoRequestItem.From(a, accounts[a.AccountNumber]))
            .ToList();
        return TypedResults.Ok(new DsoRequestListResponse(items));
    }

    private static async Task<Ok<DsoRequestItem>> RecordEventAsync(
        Guid id, DsoEventRequest body, HttpContext http, RecordDsoEvent useCase, VidnovaDbContext db, CancellationToken cancellationToken)
    {
        var dso = ApiKeyAuthentication.DsoOf(http.User);
        var application = await useCase.HandleAsync(dso, new DsoEventCommand(id, body.Type, body.OccurredAt, body.Reason), cancellationToken);
        var account = await db.Set<Accounts.PersonalAccount>().AsNoTracking().SingleAsync(a => a.Number == application.AccountNumber, cancellationToken);
        return TypedResults.Ok(DsoRequestItem.From(application, account));
    }
}

public sealed record DsoResponse(string DsoCode, string Name, string Edrpou, string Iban, decimal RestorationPrice, DsoChannelResponse Channel);

/// <summary>The DSO's channel as set; the webhook secret is never returned.</summary>
public sealed record DsoChannelResponse(string Type, string? Url, string? Address);

public sealed record ApiKeyResponse(string ApiKey);

/// <summary>The lines are checked one by one (StatementLines), with errors keyed <c>lines[i].field</c>.</summary>
public sealed record PaymentStatementRequest([Text(StatementLines.MaxStatementIdLength)] string? StatementId, IReadOnlyList<PaymentStatementLineRequest?>? Lines);

/// <summary>One credit on the DSO's account; <c>valueDate</c> is a date such as <c>2026-12-01</c>, <c>payerIban</c> may be omitted.</summary>
public sealed record PaymentStatementLineRequest(string? LineId, decimal? Amount, string? ValueDate, string? PayerName, string? PayerIban, string? Purpose);

public sealed record PaymentStatementResponse(IReadOnlyList<MatchedStatementLine> Matched, IReadOnlyList<string> Unmatched, IReadOnlyList<string> Duplicates);

public sealed record MatchedStatementLine(string LineId, string ApplicationNumber);

/// <summary>A rejection's reason is kept for the customer (1000 characters); it may span lines.</summary>
public sealed record DsoEventRequest([Text(20)] string? Type, Instant? OccurredAt, [Text(1000, MultiLine = true)] string? Reason);

public sealed record DsoRequestListResponse(IReadOnlyList<DsoRequestItem> Items);

/// <summary>What a DSO needs to reconnect: where (EIC, address), for whom, and how the SLA stands.</summary>
public sealed record DsoRequestItem(
    Guid Id, string Status, string ApplicationNumber, string AccountNumber, string Eic, string Address, string Settlement,
    Instant CreatedAt, Instant? ReceivedAt, LocalDate? Deadline, Instant? CompletedAt, Instant? RejectedAt, string? RejectionReason,
    Instant? RemindedAt)
{
    public static DsoRequestItem From(RestorationApplication application, Accounts.PersonalAccount account)
    {
        var request = application.DsoRequest!;
        return new DsoRequestItem(request.Id, request.Status.ToApiName(), application.Number, account.Number.Value, account.Eic.Value,
            account.Address, application.Settlement == Accounts.Settlement.City ? "city" : "rural",
            request.CreatedAt, request.ReceivedAt, request.Deadline, request.CompletedAt, request.RejectedAt, request.RejectionReason,
            request.RemindedAt);
    }
}
