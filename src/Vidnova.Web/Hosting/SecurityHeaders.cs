namespace Vidnova.Hosting;

/// <summary>
/// Headers on every response. The pages load scripts and styles from our own origin only (no inline script, so an
/// injected &lt;script&gt; does not run), may not be framed (clickjacking on the back office's approve button; <c>frame-ancestors</c>, which
/// replaces X-Frame-Options), and
/// send no Referer: the link from the email carries the application's access token in its query.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// The QR code is a <c>data:</c> image; nothing else leaves <c>'self'</c>. <c>form-action</c> keeps a
    /// injected form from posting elsewhere, <c>base-uri</c> a <c>&lt;base&gt;</c> from redirecting our relative links.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// The API reference at <c>/api</c> (Scalar, served from the package's embedded files) starts itself with an
    /// inline script, styles itself inline and compiles with eval; only that page is relaxed, and it shows nothing
    /// but our own OpenAPI document (no customer data). Its CDN fonts are switched off instead of allowed.
    /// </summary>
    public const string ApiReferencePolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// The outgoing-mail viewer shows our emails in a sandboxed <c>srcdoc</c> frame, which inherits the page's
    /// policy; the emails are styled inline (mail clients ignore style sheets), so that page allows inline styles.
    /// Scripts stay <c>'self'</c>.
    /// </summary>
    public static readonly string WithInlineStyles = ContentSecurityPolicy.Replace("style-src 'self'", "style-src 'self' 'unsafe-inline'", StringComparison.Ordinal);

    /// <summary>
    /// The reference page and the two scripts Scalar serves beside it; not everything under <c>/api</c>, where a
    /// 404 or a later API version would otherwise be relaxed too.
    /// </summary>
    private static readonly string[] ApiReferencePaths = ["/api", "/api/", "/api/scalar.js", "/api/scalar.aspnetcore.js"];

    private static bool IsApiReference(PathString path) =>
        ApiReferencePaths.Contains(path.Value ?? "", StringComparer.OrdinalIgnoreCase);

    /// <summary>HSTS (RFC 6797) for a year, sent only over HTTPS — which behind the proxy X-Forwarded-Proto tells us.</summary>
    public const string StrictTransportSecurity = "max-age=31536000";

    /// <summary>
    /// Written when the response starts rather than now: the exception handler clears the headers before it writes
    /// a problem, and refusals must carry them too. A page or endpoint that set its own policy keeps it.
    /// </summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app, bool hsts) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            if (string.IsNullOrEmpty(headers.ContentSecurityPolicy))
            {
                headers.ContentSecurityPolicy = IsApiReference(context.Request.Path) ? ApiReferencePolicy : ContentSecurityPolicy;
            }

            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            if (hsts && context.Request.IsHttps)
            {
                headers.StrictTransportSecurity = StrictTransportSecurity;
            }

            return Task.CompletedTask;
        });
        return next(context);
    });
}
