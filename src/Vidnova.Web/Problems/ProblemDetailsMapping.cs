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
        if (exception is TooManyRequestsException limited)
        {
            limited.AddRetryAfter(httpContext.Response);
        }
        else if (exception is BusinessRuleException rule)
        {
            rule.AddRetryAfter(httpContext.Response);
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    public static ProblemDetails? ToProblem(HttpContext context, Exception exception) => exception switch
    {
        InputValidationException invalid => Validation(context, invalid),
        BusinessRuleException rule => Problem(context, rule.StatusCode, "Запит відхилено", rule.Code,
            ProblemTexts.Localize(context, rule.MessageFormat, [.. rule.Arguments])),
        TooManyRequestsException limited => Problem(context, StatusCodes.Status429TooManyRequests, "Забагато запитів", TooManyRequestsException.Code,
            limited.Describe(context), ("retryAfterSeconds", limited.RetryAfterSeconds)),
        NotFoundException missing => Problem(context, StatusCodes.Status404NotFound, "Не знайдено", missing.Code,
            ProblemTexts.Localize(context, missing.MessageFormat, [.. missing.Arguments])),
        DbUpdateException update when update.IsLostRace() => Problem(context, StatusCodes.Status409Conflict, "Конфлікт змін", "concurrent_change",
            ProblemTexts.Localize(context, "Цю заяву щойно змінив хтось інший. Оновіть сторінку й перевірте її поточний стан.")),
        BadHttpRequestException bad => Problem(context, bad.StatusCode, "Некоректний запит", "bad_request",
            ProblemTexts.Localize(context, bad.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? "Запит завеликий. Файл квитанції — до 10 МБ."
                : "Тіло запиту не вдалося прочитати: перевірте, що це коректний JSON з полями, описаними в /openapi/v1.json.")),
        _ => null,
    };

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
