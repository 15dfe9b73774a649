using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using Vidnova.Dso.WorkOrders;
using Vidnova.Hosting;
using Vidnova.Problems;

namespace Vidnova.Dso;

internal static class DsoApi
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
        var orders = api.MapGroup("/dso/work-orders").WithTags("DSO exchange").RequireAuthorization(AuthorizationPolicies.Dso);
        orders.MapGet("/", ListWorkOrdersAsync)
            .WithName("ListDsoWorkOrders")
            .WithSummary("The calling DSO's work orders of every kind, optionally by kind (restoration, disconnection) and status")
            .WithDescription("The oldest first. A restoration order is the same order as in /dso/restoration-requests, under the same id. See docs/dso-protocol.md.");
        orders.MapPost("/{id:guid}/events", RecordWorkOrderEventAsync)
            .WithName("RecordDsoWorkOrderEvent")
            .WithSummary("Report on a work order: received (starts the deadline), completed or rejected")
            .WithDescription("The same body and rules as a restoration request's events; one report, whichever path carried it.");
        api.MapDsoWebhooks();
        return api;
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
        [Text(20)] string? status, HttpContext http, WorkOrderQueries queries, CancellationToken cancellationToken)
    {
        var dso = ApiKeyAuthentication.DsoOf(http.User);
        var orders = await queries.OfDsoAsync(dso, WorkOrderKind.Restoration, ParseStatus(status), cancellationToken);
        return TypedResults.Ok(new DsoRequestListResponse([.. orders.Select(DsoRequestItem.From)]));
    }

    private static async Task<Ok<DsoRequestItem>> RecordEventAsync(
        Guid id, DsoEventRequest body, HttpContext http, WorkOrders.WorkOrders useCase, CancellationToken cancellationToken)
    {
        var dso = ApiKeyAuthentication.DsoOf(http.User);
        var order = await useCase.HandleAsync(dso, WorkOrderKind.Restoration, new WorkOrderEventCommand(id, body.Type, body.OccurredAt, body.Reason), cancellationToken);
        return TypedResults.Ok(DsoRequestItem.From(order));
    }

    private static async Task<Ok<WorkOrderListResponse>> ListWorkOrdersAsync(
        [Text(20)] string? kind, [Text(20)] string? status, HttpContext http, WorkOrderQueries queries, CancellationToken cancellationToken)
    {
        var dso = ApiKeyAuthentication.DsoOf(http.User);
        WorkOrderKind? kindFilter = null;
        if (!string.IsNullOrEmpty(kind))
        {
            if (!WorkOrderNames.TryParseApiName(kind, out WorkOrderKind parsed))
            {
                throw new InputValidationException([new FieldError("kind", "Вид наряду має бути restoration або disconnection.")]);
            }

            kindFilter = parsed;
        }

        var orders = await queries.OfDsoAsync(dso, kindFilter, ParseStatus(status), cancellationToken);
        return TypedResults.Ok(new WorkOrderListResponse([.. orders.Select(WorkOrderItem.From)]));
    }

    private static async Task<Ok<WorkOrderItem>> RecordWorkOrderEventAsync(
        Guid id, DsoEventRequest body, HttpContext http, WorkOrders.WorkOrders useCase, CancellationToken cancellationToken)
    {
        var dso = ApiKeyAuthentication.DsoOf(http.User);
        var order = await useCase.HandleAsync(dso, null, new WorkOrderEventCommand(id, body.Type, body.OccurredAt, body.Reason), cancellationToken);
        return TypedResults.Ok(WorkOrderItem.From(order));
    }

    private static WorkOrderStatus? ParseStatus(string? status)
    {
        if (string.IsNullOrEmpty(status))
        {
            return null;
        }

        return WorkOrderNames.TryParseApiName(status, out WorkOrderStatus parsed)
            ? parsed
            : throw new InputValidationException([new FieldError("status", "Статус має бути pending, received, completed або rejected.")]);
    }
}

internal sealed record DsoResponse(string DsoCode, string Name, string Edrpou, string Iban, decimal RestorationPrice, DsoChannelResponse Channel);

/// <summary>The DSO's channel as set; the webhook secret is never returned.</summary>
internal sealed record DsoChannelResponse(string Type, string? Url, string? Address);

internal sealed record ApiKeyResponse(string ApiKey);

/// <summary>A rejection's reason is kept for the customer (1000 characters); it may span lines.</summary>
internal sealed record DsoEventRequest([Text(20)] string? Type, Instant? OccurredAt, [Text(1000, MultiLine = true)] string? Reason);

internal sealed record DsoRequestListResponse(IReadOnlyList<DsoRequestItem> Items);

/// <summary>What a DSO needs to reconnect: where (EIC, address), for whom, and how the SLA stands.</summary>
internal sealed record DsoRequestItem(
    Guid Id, string Status, string ApplicationNumber, string AccountNumber, string Eic, string Address, string Settlement,
    Instant CreatedAt, Instant? ReceivedAt, LocalDate? Deadline, Instant? CompletedAt, Instant? RejectedAt, string? RejectionReason,
    Instant? RemindedAt)
{
    public static DsoRequestItem From(WorkOrder order) =>
        new(order.Id, order.Status.ToApiName(), order.ApplicationNumber, order.AccountNumber.Value, order.Eic.Value, order.Address,
            order.Settlement, order.CreatedAt, order.ReceivedAt, order.Deadline, order.CompletedAt, order.RejectedAt, order.RejectionReason,
            order.RemindedAt);
}

internal sealed record WorkOrderListResponse(IReadOnlyList<WorkOrderItem> Items);

/// <summary>A work order of any kind: the fields of a restoration request, and its <c>kind</c>.</summary>
internal sealed record WorkOrderItem(
    Guid Id, string Kind, string Status, string ApplicationNumber, string AccountNumber, string Eic, string Address, string Settlement,
    Instant CreatedAt, Instant? ReceivedAt, LocalDate? Deadline, Instant? CompletedAt, Instant? RejectedAt, string? RejectionReason,
    Instant? RemindedAt, Instant? CancelledAt)
{
    public static WorkOrderItem From(WorkOrder order) =>
        new(order.Id, order.Kind.ToApiName(), order.Status.ToApiName(), order.ApplicationNumber, order.AccountNumber.Value, order.Eic.Value,
            order.Address, order.Settlement, order.CreatedAt, order.ReceivedAt, order.Deadline, order.CompletedAt, order.RejectedAt,
            order.RejectionReason, order.RemindedAt, order.CancelledAt);
}
