using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;

namespace Vidnova.Customers.Cabinet;

/// <summary>A new customer login: email and password, then the confirmation email; no sign-in before the address is confirmed.</summary>
[AllowAnonymous]
internal sealed class RegisterModel(UserManager<CustomerLogin> users, CabinetEmailLinks links, IClock clock, ILogger<RegisterModel> logger) : PageModel
{
    private static readonly EmailAddressAttribute EmailRule = new();

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    /// <summary>Identity's refusals in the request's language (<see cref="CustomerIdentityErrors"/>), each once.</summary>
    public IReadOnlyList<string> Errors { get; private set; } = [];

    public string? Refusal { get; private set; }

    /// <summary>The address the confirmation link went to.</summary>
    public string? SentTo { get; private set; }

    public int MinimumPasswordLength => users.Options.Password.RequiredLength;

    public IActionResult OnGet() => CustomerPrincipal.LoginIdOf(User) is null ? Page() : Redirect("/cabinet");

    public async Task<IActionResult> OnPostAsync()
    {
        if (SignInAttempts.Refusal(HttpContext) is { } refusal)
        {
            Refusal = refusal;
            Password = null;
            return Page();
        }

        var email = Email?.Trim() ?? "";
        var login = new CustomerLogin(email, clock.GetCurrentInstant());
        // Identity's API refuses such an address the same way before it creates anything.
        var result = EmailRule.IsValid(email)
            ? await users.CreateAsync(login, Password ?? "")
            : IdentityResult.Failed(users.ErrorDescriber.InvalidEmail(email));
        if (!result.Succeeded)
        {
            Errors = [.. result.Errors.Select(e => e.Description).Distinct()];
            Password = null;
            return Page();
        }

        await links.SendConfirmationAsync(login, email, isChange: false);
        logger.LogInformation("Customer login {LoginId} registered in the cabinet", login.Id);
        SentTo = email;
        return Page();
    }
}
