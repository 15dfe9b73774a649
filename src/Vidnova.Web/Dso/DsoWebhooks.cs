using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Vidnova.Dso.WorkOrders;
using Vidnova.Kernel;
using Vidnova.Persistence;
using Vidnova.Problems;

namespace Vidnova.Dso;

/// <summary>The body of a DSO's signed callback (docs/dso-protocol.md).</summary>
internal sealed record DsoCallbackBody(
    [Text(100)] string? EventId, Guid? RequestId, [Text(20)] string? Type, Instant? OccurredAt, [Text(1000, MultiLine = true)] string? Reason);

/// <summary>What Vidnova did with a callback: <c>applied</c>, or <c>duplicate</c> when it had no (second) effect.</summary>
internal sealed record DsoCallbackResponse(string EventId, string Outcome, string RequestStatus);

internal static class DsoWebhooks
{
    /// <summary>Callbacks are small; anything larger is not a DSO event.</summary>
    private const int MaxBodyBytes = 64 * 1024;

    public static RouteGroupBuilder MapDsoWebhooks(this RouteGroupBuilder api)
    {
        api.MapPost("/dso/webhooks/{dsoCode}", ReceiveAsync)
            .AllowAnonymous()
            .WithTags("DSO exchange")
            .WithName("ReceiveDsoCallback")
            .WithSummary("A DSO's signed callback: received, completed or rejected")
            .WithDescription("Headers Vidnova-Timestamp (Unix seconds, within ±5 min) and Vidnova-Signature "
                + "(v1=hex HMAC-SHA256 of timestamp + \".\" + body with the DSO's webhook secret); body eventId, requestId, type, occurredAt, reason. "
                + "A repeated eventId has no second effect. See docs/dso-protocol.md.");
        return api;
    }

    private static async Task<Ok<DsoCallbackResponse>> ReceiveAsync(string dsoCode, HttpRequest request, ReceiveDsoCallback useCase, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBodyBytes)
            {
                throw new BadHttpRequestException("A callback body is at most 64 KB.", StatusCodes.Status413PayloadTooLarge);
            }
        }

        var response = await useCase.HandleAsync(dsoCode, request.Headers[WebhookSignature.TimestampHeader].ToString(),
            request.Headers[WebhookSignature.SignatureHeader].ToString(), buffer.ToArray(), cancellationToken);
        return TypedResults.Ok(response);
    }
}

/// <summary>
/// Verifies a DSO's callback (signature with its webhook secret, timestamp window, event id not seen before) and
/// records the event through <see cref="WorkOrders.WorkOrders"/>, in the same transaction as the seen event id.
/// </summary>
internal sealed class ReceiveDsoCallback(
    VidnovaDbContext db, WorkOrders.WorkOrders workOrders, IClock clock, IOptionsMonitor<DsoDeliveryOptions> options, ILogger<ReceiveDsoCallback> logger)
{
    public async Task<DsoCallbackResponse> HandleAsync(string? codeText, string? timestamp, string? signature, byte[] body, CancellationToken cancellationToken)
    {
        var dso = DsoCode.TryParse(codeText, out var code)
            ? await db.Set<DistributionOperator>().AsNoTracking().SingleOrDefaultAsync(d => d.Code == code.Value, cancellationToken)
            : null;
        var now = clock.GetCurrentInstant();
        var check = dso?.WebhookSecret is { } secret
            ? WebhookSignature.Verify(secret, timestamp, signature, body, now.ToUnixTimeSeconds(), TimeSpan.FromSeconds(options.CurrentValue.CallbackToleranceSeconds))
            : SignatureCheck.Mismatch;
        if (check != SignatureCheck.Valid)
        {
            logger.LogWarning("Refused a DSO callback for {Dso}: signature {Check} (timestamp {Timestamp})", codeText, check, timestamp);
            throw new BusinessRuleException("invalid_signature",
                "Підпис запиту недійсний або застарілий: перевірте Vidnova-Timestamp і Vidnova-Signature (docs/dso-protocol.md).")
            { Category = RefusalCategory.Unauthenticated };
        }

        var callback = Parse(body);
        // A concurrent callback for the same request (received and completed sent together) may win the race; this
        // one is then tried again on what the winner saved, so neither is refused.
        return await db.RetryOnLostRaceAsync(() => ApplyAsync(dso!.Code, callback, now, cancellationToken));
    }

    private async Task<DsoCallbackResponse> ApplyAsync(DsoCode dsoCode, DsoCallbackBody callback, Instant now, CancellationToken cancellationToken)
    {
        var eventId = callback.EventId!.Trim();
        var requestId = callback.RequestId!.Value;
        if (await db.Set<DsoCallbackEvent>().AnyAsync(e => e.DsoCode == dsoCode && e.EventId == eventId, cancellationToken))
        {
            return await DuplicateAsync(dsoCode, eventId, requestId, cancellationToken);
        }

        var order = await db.Set<WorkOrder>().AsNoTracking()
            .SingleOrDefaultAsync(o => o.Id == requestId && o.DsoCode == dsoCode, cancellationToken);
        if (order is not null && order.AlreadyReports(callback.Type!))
        {
            // The same fact reported again under a new event id (or overtaken by a later one): acknowledge, change nothing.
            db.Add(DsoCallbackEvent.Seen(dsoCode, eventId, requestId, callback.Type!, now));
            await db.SaveChangesAsync(cancellationToken);
            return new DsoCallbackResponse(eventId, "duplicate", order.Status.ToApiName());
        }

        db.Add(DsoCallbackEvent.Seen(dsoCode, eventId, requestId, callback.Type!, now));
        var updated = await workOrders.ApplyAsync(dsoCode, null, new WorkOrderEventCommand(requestId, callback.Type, callback.OccurredAt, callback.Reason), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        workOrders.Notify();
        logger.LogInformation("DSO {Dso} callback {EventId}: {Type} for request {RequestId}", dsoCode, eventId, callback.Type, requestId);
        return new DsoCallbackResponse(eventId, "applied", updated.Status.ToApiName());
    }

    private async Task<DsoCallbackResponse> DuplicateAsync(DsoCode dso, string eventId, Guid requestId, CancellationToken cancellationToken)
    {
        var status = await db.Set<WorkOrder>().AsNoTracking()
            .Where(o => o.Id == requestId && o.DsoCode == dso)
            .Select(o => (WorkOrderStatus?)o.Status)
            .SingleOrDefaultAsync(cancellationToken);
        return new DsoCallbackResponse(eventId, "duplicate", status?.ToApiName() ?? "unknown");
    }

    private static DsoCallbackBody Parse(byte[] body)
    {
        DsoCallbackBody? callback;
        try
        {
            callback = JsonSerializer.Deserialize<DsoCallbackBody>(body, DsoOutbox.PayloadJson);
        }
        catch (JsonException)
        {
            callback = null;
        }

        var errors = new InputErrors();
        if (callback is null)
        {
            errors.Add("body", "Тіло — JSON-об'єкт з полями eventId, requestId, type, occurredAt, reason.");
            errors.ThrowIfAny();
        }

        if (string.IsNullOrWhiteSpace(callback!.EventId) || callback.EventId.Trim().Length > 100)
        {
            errors.Add("eventId", "Вкажіть eventId — унікальний ідентифікатор події до 100 символів; повтор з тим самим eventId не має ефекту.");
        }

        if (callback.RequestId is null)
        {
            errors.Add("requestId", "Вкажіть requestId — ідентифікатор запиту на відновлення.");
        }

        if (callback.Type is not ("received" or "completed" or "rejected"))
        {
            errors.Add("type", "Тип події має бути received, completed або rejected.");
        }

        // The body is read by hand (it is signed as bytes), so the endpoint filter never sees it.
        TextLimits.Check(callback, errors);
        errors.ThrowIfAny();
        return callback;
    }
}
