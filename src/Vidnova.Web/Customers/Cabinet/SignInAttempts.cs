using Vidnova.Hosting;
using Vidnova.Problems;

namespace Vidnova.Customers.Cabinet;

/// <summary>The per-address limit on sign-in, registration and reset attempts as the cabinet's forms meet it.</summary>
internal static class SignInAttempts
{
    /// <summary>Null when this attempt may go ahead; else the sentence to show, and the response becomes a 429 with Retry-After.</summary>
    public static string? Refusal(HttpContext context)
    {
        try
        {
            context.RequestServices.GetRequiredService<RateLimits>().CustomerSignInFrom(context);
            return null;
        }
        catch (TooManyRequestsException limited)
        {
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            ProblemDetailsMapping.AddRetryAfter(context.Response, limited);
            return ProblemDetailsMapping.Describe(context, limited);
        }
    }

    /// <summary>Only a path on this site (never <c>//evil</c> or <c>https://…</c>), and never back to a sign-in page.</summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal)
        && !returnUrl.StartsWith("/\\", StringComparison.Ordinal) && !returnUrl.StartsWith("/cabinet/sign-", StringComparison.OrdinalIgnoreCase)
        && !returnUrl.Any(char.IsControl)
            ? returnUrl
            : "/cabinet";
}
