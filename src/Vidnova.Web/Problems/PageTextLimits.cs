using Microsoft.AspNetCore.Mvc.Filters;

namespace Vidnova.Problems;

/// <summary>
/// The limits of <see cref="TextLimits"/> for every page form and query string (sign-in, application form, back-office
/// filters and forms): no value over 4000 characters, no control characters — line breaks and tabs only in form
/// fields, where a textarea (a rejection reason, a note) may hold them. Each handler still states its field's own
/// shorter limit with a message beside the field; this stops what no person types (NUL, escape) before it reaches
/// the database, where PostgreSQL would refuse it with a 500.
/// </summary>
public sealed class PageTextLimits : IAsyncPageFilter
{
    private static readonly TextAttribute FormValue = new(4000) { MultiLine = true };
    private static readonly TextAttribute QueryValue = new(4000);

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var request = context.HttpContext.Request;
        var errors = new InputErrors();
        foreach (var (key, values) in request.Query)
        {
            foreach (var value in values)
            {
                TextLimits.Check(key, value, QueryValue, errors);
            }
        }

        if (request.HasFormContentType)
        {
            // Already read and cached by model binding and the antiforgery check.
            var form = await request.ReadFormAsync(context.HttpContext.RequestAborted);
            foreach (var (key, values) in form)
            {
                foreach (var value in values)
                {
                    TextLimits.Check(key, value, FormValue, errors);
                }
            }
        }

        errors.ThrowIfAny();
        await next();
    }
}
