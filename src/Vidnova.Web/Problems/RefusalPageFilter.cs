using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.EntityFrameworkCore;
using Vidnova.Persistence;

namespace Vidnova.Problems;

/// <summary>A refused action as a page shows it: the sentence in the request's language, and what kind of refusal it was.</summary>
/// <param name="Handler">The page handler that was refused (<c>Confirm</c> for <c>OnPostConfirmAsync</c>), so the page shows the sentence by its form.</param>
/// <param name="FieldErrors">For invalid input, each field's sentences.</param>
/// <param name="LostRace">Someone else saved the same rows first; nothing of this action was saved.</param>
public sealed record PageRefusal(RefusalCategory Category, string Code, string Sentence, string? Handler,
    IReadOnlyDictionary<string, string[]> FieldErrors, bool LostRace);

/// <summary>A page that shows a refused action in place (see <see cref="RefusalPageFilter"/>) instead of an error page.</summary>
public interface IShowsRefusals
{
    /// <summary>What to show now: usually the page reloaded with the sentence beside the refused form.</summary>
    Task<IActionResult> ShowRefusalAsync(PageRefusal refusal, CancellationToken cancellationToken);
}

/// <summary>
/// The one place where a rule violation thrown by a page handler becomes what the page shows: the same sentence, code
/// and status code as the API's problem details (<see cref="ProblemDetailsMapping"/>), Retry-After with a limit, and
/// the page's own display of it. Registered once for every Razor page; pages opt in with <see cref="IShowsRefusals"/>.
/// </summary>
public sealed class RefusalPageFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Exception is not { } exception || executed.ExceptionHandled || context.HandlerInstance is not IShowsRefusals page
            || Categorise(exception) is not { } category || ProblemDetailsMapping.ToProblem(context.HttpContext, exception) is not { } problem)
        {
            return;
        }

        var fields = exception is InputValidationException invalid
            ? invalid.Errors.GroupBy(e => e.Field).ToDictionary(g => g.Key,
                g => g.Select(e => ProblemTexts.Localize(context.HttpContext, e.MessageFormat, e.Arguments)).ToArray())
            : [];
        foreach (var (field, sentences) in fields)
        {
            foreach (var sentence in sentences)
            {
                context.ModelState.AddModelError(field, sentence);
            }
        }

        var response = context.HttpContext.Response;
        response.StatusCode = problem.Status!.Value;
        ProblemDetailsMapping.AddRetryAfter(response, exception);
        var refusal = new PageRefusal(category, (string)problem.Extensions["code"]!, problem.Detail ?? "", context.HandlerMethod?.Name, fields,
            LostRace: exception is DbUpdateException);
        executed.Result = await page.ShowRefusalAsync(refusal, context.HttpContext.RequestAborted);
        executed.ExceptionHandled = true;
    }

    private static RefusalCategory? Categorise(Exception exception) => exception switch
    {
        BusinessRuleException rule => rule.Category,
        InputValidationException => RefusalCategory.MalformedRequest,
        NotFoundException => RefusalCategory.NotFound,
        TooManyRequestsException => RefusalCategory.TooManyRequests,
        DbUpdateException update when update.IsLostRace() => RefusalCategory.Conflict,
        _ => null,
    };
}
