using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vidnova.Problems;

namespace Vidnova.Customers.Cabinet;

/// <summary>
/// The second step of signing in to a login with the authenticator (TOTP) second factor: a code from the app, or one of
/// the recovery codes, each of which works once. Identity remembers the first step in its own short-lived cookie.
/// </summary>
[AllowAnonymous]
internal sealed class SignInCodeModel(SignInManager<CustomerLogin> signIn, ILogger<SignInCodeModel> logger) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>The recovery-code form instead of the authenticator's.</summary>
    [BindProperty(SupportsGet = true)]
    public bool Recovery { get; set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("SignIn", new { returnUrl = ReturnUrl }) : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (SignInAttempts.Refusal(HttpContext) is { } refusal)
        {
            Error = refusal;
            return Page();
        }

        if (await signIn.GetTwoFactorAuthenticationUserAsync() is not { } login)
        {
            // The first step's cookie lapsed (a few minutes): start again with the password.
            return RedirectToPage("SignIn", new { returnUrl = ReturnUrl });
        }

        // People copy codes with spaces (the app shows "123 456"); a recovery code's dash is part of it, as Identity made it.
        var code = new string([.. (Code ?? "").Where(c => !char.IsWhiteSpace(c) && (Recovery || c != '-'))]);
        Code = null;
        var result = code.Length is 0 or > 64
            ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : Recovery
                ? await signIn.TwoFactorRecoveryCodeSignInAsync(code)
                : await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        if (result.Succeeded)
        {
            logger.LogInformation("Customer login {LoginId} signed in with {Factor}", login.Id, Recovery ? "a recovery code" : "the authenticator");
            return LocalRedirect(SignInAttempts.SafeReturnUrl(ReturnUrl));
        }

        Error = result.IsLockedOut
            ? ProblemTexts.Localize(HttpContext, "Забагато невдалих спроб, вхід тимчасово заблоковано. Спробуйте пізніше або відновіть пароль.")
            : Recovery
                ? ProblemTexts.Localize(HttpContext, "Код відновлення невірний або вже використаний.")
                : ProblemTexts.Localize(HttpContext, "Код невірний або застарів. Введіть код, який застосунок показує зараз.");
        logger.LogInformation("Customer login {LoginId}: second factor refused", login.Id);
        return Page();
    }
}
