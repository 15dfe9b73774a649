using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Vidnova.Customers.Cabinet;

/// <summary>
/// The link of the password-reset email: its <c>code</c> is the one Identity's <c>resetPassword</c> takes (the reset
/// token, base64url-encoded), decoded here the same way, so the app's code and the email's link are one.
/// </summary>
[AllowAnonymous]
internal sealed class ResetPasswordModel(UserManager<CustomerLogin> users, ILogger<ResetPasswordModel> logger) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Email { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    [BindProperty]
    public string? NewPassword { get; set; }

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public bool Done { get; private set; }

    public int MinimumPasswordLength => users.Options.Password.RequiredLength;

    public async Task<IActionResult> OnPostAsync()
    {
        var email = Email?.Trim() ?? "";
        var token = CabinetEmailLinks.Decode(Code);
        var login = email.Length is > 0 and <= CustomerEmailValidator.MaxLength ? await users.FindByEmailAsync(email) : null;
        // An unknown address gets the same answer as a wrong code, as from Identity's endpoint.
        var result = login is null || token is null
            ? IdentityResult.Failed(users.ErrorDescriber.InvalidToken())
            : await users.ResetPasswordAsync(login, token, NewPassword ?? "");
        NewPassword = null;
        if (!result.Succeeded)
        {
            Errors = [.. result.Errors.Select(e => e.Description).Distinct()];
            return Page();
        }

        // Whoever opened the emailed link owns the address: a lock against guessers need not keep them out any longer.
        await users.SetLockoutEndDateAsync(login!, null);
        await users.ResetAccessFailedCountAsync(login!);
        logger.LogInformation("Customer login {LoginId} set a new password by the emailed link", login!.Id);
        Done = true;
        return Page();
    }
}
