using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Vidnova.Customers.Cabinet;

/// <summary>Signs the customer out of the cabinet. Only a POST (with its antiforgery token) signs out; GET shows a button.</summary>
[AllowAnonymous]
internal sealed class SignOutModel(SignInManager<CustomerLogin> signIn) : PageModel
{
    public IActionResult OnGet() => CustomerPrincipal.LoginIdOf(User) is null ? Redirect("/cabinet/sign-in") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return Redirect("/");
    }
}
