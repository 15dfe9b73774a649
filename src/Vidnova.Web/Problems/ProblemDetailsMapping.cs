using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Vidnova.Persistence;

namespace Vidnova.Problems;

/// <summary>
/// The one place where refusals become HTTP (RFC 9457): invalid input → 400 with field errors, a broken business
/// rule → 409/422 with a code and a sentence, not found → 404, a lost race → 409, a limit reached → 429 with Retry-After.
/// </summary>
public sealed class ProblemDetailsMapping(IProblemDetailsService problems, ILogger<ProblemDetailsMapping> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = ToProblem(httpContext, exception);
        if (problem is null)
        {
            return false;
        }

        logger.LogInformation("Refused {Method} {Path}: {Status} {Code}", httpContext.Request.Method, httpContext.Request.Path,
            problem.Status, problem.Extensions.TryGetValue("code", out var code) ? code : null);
        httpContext.Response.StatusCode = problem.Status!.Value;
        AddRetryAfter(httpContext.Response, exception);

        if (await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception }))
        {
            return true;
        }

        // The client accepts only another type (Accept: text/csv for a ledger): the refusal still goes out as a
        // problem, rather than becoming a 500 for want of a writer.
        await httpContext.Response.WriteAsJsonAsync(problem, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json", cancellationToken);
        return true;
    }

    public static ProblemDetails? ToProblem(HttpContext context, Exception exception) => exception switch
    {
        InputValidationException invalid => Validation(context, invalid),
        BusinessRuleException rule => Problem(context, StatusOf(rule.Category), "Запит відхилено", rule.Code,
            ProblemTexts.Localize(context, rule.MessageFormat, [.. rule.Arguments])),
        TooManyRequestsException limited => Problem(context, StatusCodes.Status429TooManyRequests, "Забагато запитів", TooManyRequestsException.Code,
            Describe(context, limited), ("retryAfterSeconds", limited.RetryAfterSeconds)),
        NotFoundException missing => Problem(context, StatusCodes.Status404NotFound, "Не знайдено", missing.Code,
            ProblemTexts.Localize(context, missing.MessageFormat, [.. missing.Arguments])),
        DbUpdateException update when update.IsLostRace() => Problem(context, StatusCodes.Status409Conflict, "Конфлікт змін", "concurrent_change",
            ProblemTexts.Localize(context, "Ці дані щойно змінив хтось інший. Оновіть сторінку й перевірте їх поточний стан.")),
        BadHttpRequestException bad => Problem(context, bad.StatusCode, "Некоректний запит", "bad_request",
            ProblemTexts.Localize(context, bad.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? "Запит завеликий. Файл квитанції — до 10 МБ."
                : "Тіло запиту не вдалося прочитати: перевірте, що це коректний JSON з полями, описаними в /openapi/v1.json.")),
        _ => null,
    };

    /// <summary>The status code of each kind of refusal: the only place the domain's categories meet HTTP.</summary>
    public static int StatusOf(RefusalCategory category) => category switch
    {
        RefusalCategory.Conflict => StatusCodes.Status409Conflict,
        RefusalCategory.InvalidInput => StatusCodes.Status422UnprocessableEntity,
        RefusalCategory.MalformedRequest => StatusCodes.Status400BadRequest,
        RefusalCategory.NotFound => StatusCodes.Status404NotFound,
        RefusalCategory.Unauthenticated => StatusCodes.Status401Unauthorized,
        RefusalCategory.Forbidden => StatusCodes.Status403Forbidden,
        RefusalCategory.TooLarge => StatusCodes.Status413PayloadTooLarge,
        RefusalCategory.UnsupportedMediaType => StatusCodes.Status415UnsupportedMediaType,
        RefusalCategory.TooManyRequests => StatusCodes.Status429TooManyRequests,
        RefusalCategory.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, null),
    };

    /// <summary>
    /// Every 429 carries Retry-After (RFC 6585 §4), in seconds, the form every client understands (RFC 9110 §10.2.3
    /// allows a date too).
    /// </summary>
    public static void AddRetryAfter(HttpResponse response, Exception exception)
    {
        var after = exception switch
        {
            TooManyRequestsException limited => limited.RetryAfter,
            BusinessRuleException { RetryAfter: { } duration } => duration,
            _ => (NodaTime.Duration?)null,
        };
        if (after is { } retry)
        {
            response.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    /// <summary>A limit's sentence in the request's language: "… try again in 5 min." / "… in 2 h."</summary>
    public static string Describe(HttpContext context, TooManyRequestsException limited)
    {
        var minutes = (int)Math.Ceiling(limited.RetryAfter.TotalMinutes);
        var when = minutes <= 90
            ? ProblemTexts.Localize(context, "через {0} хв", minutes)
            : ProblemTexts.Localize(context, "через {0} год", (int)Math.Ceiling(limited.RetryAfter.TotalHours));
        return ProblemTexts.Localize(context, limited.MessageFormat, when);
    }

    /// <summary>The code of a problem the framework wrote (status code pages, the exception handler's fallback).</summary>
    public static string CodeFor(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "bad_request",
        StatusCodes.Status401Unauthorized => "unauthorized",
        StatusCodes.Status403Forbidden => "forbidden",
        StatusCodes.Status404NotFound => "not_found",
        StatusCodes.Status405MethodNotAllowed => "method_not_allowed",
        StatusCodes.Status413PayloadTooLarge => "payload_too_large",
        StatusCodes.Status415UnsupportedMediaType => "unsupported_media_type",
        StatusCodes.Status429TooManyRequests => TooManyRequestsException.Code,
        >= 500 => "internal_error",
        _ => "error",
    };

    private static ValidationProblemDetails Validation(HttpContext context, InputValidationException invalid)
    {
        var errors = invalid.Errors
            .GroupBy(e => e.Field)
            .ToDictionary(g => g.Key, g => g.Select(e => ProblemTexts.Localize(context, e.MessageFormat, e.Arguments)).ToArray());
        return new ValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Title = ProblemTexts.Localize(context, "Перевірте заповнені поля"),
            Detail = string.Join(" ", errors.Values.SelectMany(v => v)),
            Extensions = { ["code"] = "invalid_input" },
        };
    }

    private static ProblemDetails Problem(HttpContext context, int status, string title, string code, string detail,
        params (string Name, object Value)[] extensions)
    {
        var problem = new ProblemDetails
        {
            Status = status,
            Title = ProblemTexts.Localize(context, title),
            Detail = detail,
            Extensions = { ["code"] = code },
        };
        foreach (var (name, value) in extensions)
        {
            problem.Extensions[name] = value;
        }

        return problem;
    }
}
