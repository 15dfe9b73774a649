namespace Vidnova.Problems;

/// <summary>
/// A person's browser gets a page in the site's look for an unknown address or a failure; every other client (paths
/// under /api, Accept: application/json, no Accept at all) keeps getting RFC 9457 problem details.
/// </summary>
public static class PeopleErrorPages
{
    public const string PathFormat = "/error/{0}";

    /// <summary>Inside the problem-details handlers, so that for a browser the page is written first and they stand aside.</summary>
    public static IApplicationBuilder UsePeopleErrorPages(this IApplicationBuilder app) =>
        app.UseWhen(WantsPage, branch => branch
            .UseExceptionHandler("/error/500")
            .UseStatusCodePagesWithReExecute(PathFormat));

    /// <summary>Only a request that asks for HTML and says nothing of JSON, outside the API's paths.</summary>
    public static bool WantsPage(HttpContext context)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments("/api") || path.StartsWithSegments("/openapi") || path.StartsWithSegments("/health"))
        {
            return false;
        }

        var accept = context.Request.GetTypedHeaders().Accept;
        return accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase))
            && !accept.Any(a => a.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
                || a.MediaType.Equals("application/problem+json", StringComparison.OrdinalIgnoreCase));
    }
}
