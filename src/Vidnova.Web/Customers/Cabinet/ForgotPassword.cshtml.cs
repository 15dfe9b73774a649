using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Vidnova.Customers.Cabinet;

/// <summary>
/// Asks for a password-reset link by email. The answer is the same whether or not the address has a login, so the
/// form tells no one who is registered; only a confirmed login gets the email (as Identity's <c>forgotPassword</c>).
/// </summary>
[AllowAnonymous]
internal sealed class ForgotPasswordModel(UserManager<CustomerLogin> users, CabinetEmailLinks links, ILogger<ForgotPasswordModel> logger) : PageModel
{
    [BindProperty]
    public string? Email { get; set; }

    public string? Refusal { get; private set; }

    public bool Sent { get; private set; }

    public async Task<IActionResult> OnPostAsync()
    {
        if (SignInAttempts.Refusal(HttpContext) is { } refusal)
        {
            Refusal = refusal;
            return Page();
        }

        var email = Email?.Trim() ?? "";
        if (email.Length is > 0 and <= CustomerEmailValidator.MaxLength && await users.FindByEmailAsync(email) is { } login
            && await users.IsEmailConfirmedAsync(login))
        {
            await links.SendPasswordResetAsync(login);
            logger.LogInformation("Customer login {LoginId} asked for a password reset", login.Id);
        }

        Sent = true;
        return Page();
    }
}
