using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Vidnova.Customers.Cabinet;

/// <summary>
/// The link of every confirmation email, from the cabinet and from Identity's API alike: confirms a new login's
/// address, or with <c>changedEmail</c> moves the login to its new one — as Identity's <c>confirmEmail</c> does.
/// </summary>
[AllowAnonymous]
internal sealed class ConfirmEmailModel(UserManager<CustomerLogin> users, SignInManager<CustomerLogin> signIn, ILogger<ConfirmEmailModel> logger) : PageModel
{
    public bool Confirmed { get; private set; }

    /// <summary>The address now confirmed when the link changed the login's email.</summary>
    public string? ChangedTo { get; private set; }

    public async Task OnGetAsync(string? userId, string? code, string? changedEmail)
    {
        var token = CabinetEmailLinks.Decode(code);
        if (token is null || !Guid.TryParse(userId, out var id) || await users.FindByIdAsync(id.ToString()) is not { } login)
        {
            return;
        }

        if (string.IsNullOrEmpty(changedEmail))
        {
            Confirmed = (await users.ConfirmEmailAsync(login, token)).Succeeded;
        }
        else
        {
            // The user name is the email, as at registration; Identity's endpoint changes both the same way.
            Confirmed = (await users.ChangeEmailAsync(login, changedEmail, token)).Succeeded
                && (await users.SetUserNameAsync(login, changedEmail)).Succeeded;
            ChangedTo = Confirmed ? changedEmail : null;
            if (Confirmed && CustomerPrincipal.LoginIdOf(User) == login.Id)
            {
                // The change renewed the login's security stamp; the cookie of this browser must carry the new one.
                await signIn.RefreshSignInAsync(login);
            }
        }

        logger.LogInformation("Customer login {LoginId} email confirmation: {Confirmed}", login.Id, Confirmed);
    }
}
