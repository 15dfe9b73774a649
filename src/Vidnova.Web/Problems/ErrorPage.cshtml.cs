using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Vidnova.Problems;

/// <summary>
/// What a person's browser shows for an unknown address (404) or a failure (500) — see <see cref="PeopleErrorPages"/>;
/// the status stays the one the request earned, and a failure shows the trace id a support call can quote.
/// </summary>
[IgnoreAntiforgeryToken]
internal sealed class ErrorPageModel : PageModel
{
    public int Status { get; private set; }

    public string? TraceId { get; private set; }

    // Re-executed with the method of the original request, so a failed form post lands here as a POST.
    public void OnGet(int status) => Show(status);

    public void OnPost(int status) => Show(status);

    private void Show(int status)
    {
        var failed = HttpContext.Features.Get<IExceptionHandlerFeature>() is not null;
        Status = failed ? StatusCodes.Status500InternalServerError : status is >= 400 and <= 599 ? status : StatusCodes.Status404NotFound;
        Response.StatusCode = Status;
        TraceId = Status >= 500 ? HttpContext.TraceIdentifier : null;
    }
}
