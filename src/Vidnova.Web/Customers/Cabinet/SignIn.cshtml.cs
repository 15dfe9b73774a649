using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Vidnova.Problems;

namespace Vidnova.Customers.Cabinet;

/// <summary>
/// The cabinet's sign-in with email and password (the customer's cookie); a login with a second factor goes on to
/// <c>/cabinet/sign-in/code</c>. Wrong passwords lock the login as Identity's API does, counted on the login.
/// </summary>
[AllowAnonymous]
internal sealed class SignInModel(UserManager<CustomerLogin> users, SignInManager<CustomerLogin> signIn, CabinetEmailLinks links,
    TimeProvider time, ILogger<SignInModel> logger) : PageModel
{
    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>The sentence to show; deliberately the same whichever of email and password was wrong.</summary>
    public string? Error { get; private set; }

    /// <summary>The password was right but the address is not confirmed yet: offer to send the link again.</summary>
    public bool NotConfirmed { get; private set; }

    public bool ConfirmationResent { get; private set; }

    public IActionResult OnGet() =>
        CustomerPrincipal.LoginIdOf(User) is null ? Page() : LocalRedirect(SignInAttempts.SafeReturnUrl(ReturnUrl));

    public async Task<IActionResult> OnPostAsync()
    {
        if (SignInAttempts.Refusal(HttpContext) is { } refusal)
        {
            return Refuse(refusal);
        }

        var email = Email?.Trim() ?? "";
        var password = Password ?? "";
        Password = null;
        if (email.Length == 0 || password.Length == 0)
        {
            Error = ProblemTexts.Localize(HttpContext, "Введіть email і пароль.");
            return Page();
        }

        var login = email.Length > CustomerEmailValidator.MaxLength ? null : await users.FindByEmailAsync(email);
        if (login is null)
        {
            logger.LogInformation("Cabinet sign-in refused: no login for the address");
            return Refuse(WrongPassword());
        }

        var result = await signIn.PasswordSignInAsync(login, password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            logger.LogInformation("Customer login {LoginId} signed in to the cabinet", login.Id);
            return LocalRedirect(SignInAttempts.SafeReturnUrl(ReturnUrl));
        }

        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("SignInCode", new { returnUrl = SignInAttempts.SafeReturnUrl(ReturnUrl) });
        }

        if (result.IsLockedOut)
        {
            logger.LogWarning("Customer login {LoginId} is locked out", login.Id);
            return Refuse(Locked(login));
        }

        // Identity says "not allowed" before it looks at the password; only the right one may learn that the address
        // waits for confirmation, or anyone could test which addresses are registered.
        if (result.IsNotAllowed && !await users.IsEmailConfirmedAsync(login) && await users.CheckPasswordAsync(login, password))
        {
            Email = email;
            NotConfirmed = true;
            return Page();
        }

        logger.LogInformation("Cabinet sign-in refused for login {LoginId}", login.Id);
        return Refuse(WrongPassword());
    }

    /// <summary>Another confirmation link; the same answer whether or not the address has a login waiting for one.</summary>
    public async Task<IActionResult> OnPostResendAsync()
    {
        if (SignInAttempts.Refusal(HttpContext) is { } refusal)
        {
            return Refuse(refusal);
        }

        var email = Email?.Trim() ?? "";
        if (email.Length is > 0 and <= CustomerEmailValidator.MaxLength && await users.FindByEmailAsync(email) is { } login
            && !await users.IsEmailConfirmedAsync(login))
        {
            await links.SendConfirmationAsync(login, login.Email!, isChange: false);
        }

        ConfirmationResent = true;
        return Page();
    }

    private string WrongPassword() =>
        ProblemTexts.Localize(HttpContext, "Email або пароль невірні. Перевірте розкладку клавіатури й Caps Lock та спробуйте ще раз.");

    private string Locked(CustomerLogin login)
    {
        var left = (login.LockoutEnd ?? time.GetUtcNow()) - time.GetUtcNow();
        return ProblemDetailsMapping.Describe(HttpContext, new TooManyRequestsException(
            "Забагато невдалих спроб входу, вхід тимчасово заблоковано. Спробуйте знову {0} або відновіть пароль.",
            Duration.FromTimeSpan(left > TimeSpan.Zero ? left : TimeSpan.FromMinutes(1))));
    }

    private PageResult Refuse(string sentence)
    {
        Error = sentence;
        return Page();
    }
}
