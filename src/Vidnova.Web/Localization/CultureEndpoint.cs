using Microsoft.AspNetCore.Localization;

namespace Vidnova.Localization;

public static class CultureEndpoint
{
    /// <summary>Remembers the chosen language in the standard culture cookie and goes back to the page.</summary>
    public static IEndpointRouteBuilder MapCultureSwitch(this IEndpointRouteBuilder app)
    {
        app.MapGet("/culture", (string? c, string? returnUrl, HttpContext context) =>
        {
            var culture = c == "en" ? "en-GB" : "uk-UA";
            context.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
            var target = returnUrl is { Length: > 0 } && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) ? returnUrl : "/";
            return Results.LocalRedirect(target);
        }).ExcludeFromDescription();
        return app;
    }
}
