using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Vidnova.Staff;

/// <summary>Signs a staff member out. Only a POST signs out, so a link or a prefetch cannot; GET shows a button.</summary>
/// <remarks>
/// No antiforgery token is required: the layout's sign-out form posts without one, and the staff cookie is
/// SameSite=Strict, so another site cannot sign anyone out (its POST arrives without the cookie).
/// </remarks>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
internal sealed class SignOutModel : PageModel
{
    public IActionResult OnGet() =>
        User.Identity?.IsAuthenticated == true ? Page() : Redirect("/backoffice/sign-in");

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Redirect("/backoffice/sign-in");
    }
}
