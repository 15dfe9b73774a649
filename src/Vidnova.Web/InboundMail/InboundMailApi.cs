using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using NodaTime;
using Vidnova.Hosting;
using Vidnova.Notifications;
using Vidnova.Problems;

namespace Vidnova.InboundMail;

/// <summary>
/// For mail services that push inbound mail instead of being polled: the raw message (RFC 5322) as the body. The
/// same message pushed twice is recorded once; the second push answers 200 with the first outcome.
/// </summary>
internal static class InboundMailApi
{
    public const string RawMessageMediaType = "message/rfc822";

    public static RouteGroupBuilder MapInboundMailApi(this RouteGroupBuilder api)
    {
        api.MapPost("/inbound-emails", ReceiveAsync)
            .RequireAuthorization(AuthorizationPolicies.MailGateway)
            .WithName("ReceiveInboundEmail")
            .WithSummary("Push one inbound email (raw RFC 5322 message, Content-Type: message/rfc822)")
            .WithTags("Inbound mail")
            .Accepts<byte[]>(RawMessageMediaType)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return api;
    }

    private static async Task<Results<Created<InboundEmailResponse>, Ok<InboundEmailResponse>>> ReceiveAsync(
        HttpRequest request, System.Security.Claims.ClaimsPrincipal user, RateLimits limits, ReceiveInboundEmail useCase, IOptions<MailOptions> options,
        CancellationToken cancellationToken)
    {
        // Per key, before the body is read: a runaway gateway (or a leaked key) cannot flood the inbound queue.
        limits.InboundEmailFor(user.Identity?.Name ?? "");
        if (!string.Equals(request.ContentType?.Split(';')[0].Trim(), RawMessageMediaType, StringComparison.OrdinalIgnoreCase))
        {
            throw new BusinessRuleException("unsupported_media_type", "Надішліть лист цілком, як він є (RFC 5322), з Content-Type: message/rfc822.")
            { Category = RefusalCategory.UnsupportedMediaType };
        }

        var limit = options.Value.Inbound.MaxMessageBytes;
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
        {
            bodyLimit.MaxRequestBodySize = limit + 1;
        }

        var content = await ReadBoundedAsync(request.Body, limit, cancellationToken);
        var result = await useCase.HandleAsync(new RawInboundEmail(content, content.Length, HeadersOnly: false, Source: "http"), cancellationToken);
        var response = InboundEmailResponse.From(result);
        return result.Duplicate ? TypedResults.Ok(response) : TypedResults.Created((string?)null, response);
    }

    private static async Task<byte[]> ReadBoundedAsync(Stream body, long limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw new BusinessRuleException("message_too_large", "Лист більший за {0} МБ. Такі листи не приймаються.", limit / (1024 * 1024))
                { Category = RefusalCategory.TooLarge };
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            throw new BusinessRuleException("message_empty", "Тіло запиту порожнє: надішліть лист цілком, з заголовками.")
            { Category = RefusalCategory.InvalidInput };
        }

        return buffer.ToArray();
    }
}

/// <param name="Outcome"><c>receipt_filed</c>, <c>unmatched</c>, <c>no_receipt</c>, <c>not_accepted</c>, <c>too_large</c>,
/// <c>could_not_read</c> (the reader failed on it; it waits for an operator) or <c>received</c> (being read by another instance now).</param>
/// <param name="MatchedBy"><c>reply-address</c>, <c>in-reply-to</c>, <c>subject</c> or <c>body</c>; null when unmatched.</param>
/// <param name="Duplicate">True when this message had been received before; nothing was done again.</param>
internal sealed record InboundEmailResponse(
    Guid Id, string Outcome, string Reason, string? ApplicationNumber, string? MatchedBy, Guid? ReceiptId, bool NeedsAttention, Instant ReceivedAt,
    bool Duplicate)
{
    public static InboundEmailResponse From(InboundEmailResult result)
    {
        var email = result.Email;
        return new(email.Id, email.Outcome.ToApiName(), email.Reason, email.ApplicationNumber, email.MatchedBy, email.ReceiptId, email.NeedsAttention,
            email.ReceivedAt, result.Duplicate);
    }
}

internal static class InboundEmailOutcomeNames
{
    public static string ToApiName(this InboundEmailOutcome outcome) => outcome switch
    {
        InboundEmailOutcome.ReceiptFiled => "receipt_filed",
        InboundEmailOutcome.Unmatched => "unmatched",
        InboundEmailOutcome.NoReceipt => "no_receipt",
        InboundEmailOutcome.NotAccepted => "not_accepted",
        InboundEmailOutcome.TooLarge => "too_large",
        InboundEmailOutcome.Received => "received",
        InboundEmailOutcome.CouldNotRead => "could_not_read",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };

    public static string ToUkrainian(this InboundEmailOutcome outcome) => outcome switch
    {
        InboundEmailOutcome.ReceiptFiled => "Квитанцію додано",
        InboundEmailOutcome.Unmatched => "Заяву не знайдено",
        InboundEmailOutcome.NoReceipt => "Без квитанції",
        InboundEmailOutcome.NotAccepted => "Заява не приймає квитанцію",
        InboundEmailOutcome.TooLarge => "Завеликий лист",
        InboundEmailOutcome.Received => "Отримано, читається",
        InboundEmailOutcome.CouldNotRead => "Не вдалося прочитати",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };
}
