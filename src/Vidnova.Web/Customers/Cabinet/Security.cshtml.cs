using System.ComponentModel.DataAnnotations;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QRCoder;
using Vidnova.Hosting;
using Vidnova.Problems;

namespace Vidnova.Customers.Cabinet;

/// <summary>
/// The login's security: password, email, and the optional second factor — an authenticator app (TOTP, RFC 6238)
/// set up by its QR code or key, with ten recovery codes shown once.
/// </summary>
[Authorize(Policy = AuthorizationPolicies.Cabinet)]
internal sealed class SecurityModel(UserManager<CustomerLogin> users, SignInManager<CustomerLogin> signIn, CabinetEmailLinks links,
    ILogger<SecurityModel> logger) : PageModel
{
    public const int RecoveryCodeCount = 10;
    private const string Issuer = "Віднова";
    private static readonly EmailAddressAttribute EmailRule = new();

    [BindProperty]
    public string? CurrentPassword { get; set; }

    [BindProperty]
    public string? NewPassword { get; set; }

    [BindProperty]
    public string? NewEmail { get; set; }

    [BindProperty]
    public string? Code { get; set; }

    public string Email { get; private set; } = "";

    public bool TwoFactorEnabled { get; private set; }

    public int RecoveryCodesLeft { get; private set; }

    /// <summary>The form whose outcome <see cref="Message"/> or <see cref="Errors"/> describe: <c>password</c>, <c>email</c> or <c>two-factor</c>.</summary>
    public string? Section { get; private set; }

    public string? Message { get; private set; }

    public IReadOnlyList<string> Errors { get; private set; } = [];

    /// <summary>While setting up the authenticator: its key in groups of four, and the QR code of its otpauth:// link.</summary>
    public string? SharedKey { get; private set; }

    public string? QrCodeDataUri { get; private set; }

    /// <summary>Shown once, right after they are made; the page never shows them again.</summary>
    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];

    public int MinimumPasswordLength => users.Options.Password.RequiredLength;

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() is null ? Challenge() : Page();

    public async Task<IActionResult> OnPostChangePasswordAsync()
    {
        if (await LoadAsync() is not { } login)
        {
            return Challenge();
        }

        var result = await users.ChangePasswordAsync(login, CurrentPassword ?? "", NewPassword ?? "");
        CurrentPassword = NewPassword = null;
        if (result.Succeeded)
        {
            await signIn.RefreshSignInAsync(login);
            logger.LogInformation("Customer login {LoginId} changed its password", login.Id);
        }

        return Outcome("password", result, ProblemTexts.Localize(HttpContext, "Пароль змінено. Інші пристрої, де ви входили, незабаром попросять увійти знову."));
    }

    public async Task<IActionResult> OnPostChangeEmailAsync()
    {
        if (await LoadAsync() is not { } login)
        {
            return Challenge();
        }

        var email = NewEmail?.Trim() ?? "";
        if (string.Equals(email, login.Email, StringComparison.OrdinalIgnoreCase))
        {
            return Outcome("email", IdentityResult.Success, ProblemTexts.Localize(HttpContext, "Це і є ваш поточний email — нічого не змінено."));
        }

        // The validators (length, characters) refuse here already, rather than in the link's page after a useless email.
        var result = !EmailRule.IsValid(email) || email.Length > CustomerEmailValidator.MaxLength || TextLimits.HasForbiddenCharacters(email, multiLine: false)
            ? IdentityResult.Failed(users.ErrorDescriber.InvalidEmail(email))
            : await users.FindByEmailAsync(email) is not null
                ? IdentityResult.Failed(users.ErrorDescriber.DuplicateEmail(email))
                : IdentityResult.Success;
        if (result.Succeeded)
        {
            await links.SendConfirmationAsync(login, email, isChange: true);
            logger.LogInformation("Customer login {LoginId} asked to change its email", login.Id);
        }

        return Outcome("email", result,
            ProblemTexts.Localize(HttpContext, "Ми надіслали лист на {0}. Email зміниться, коли ви відкриєте посилання з нього; доти входьте з поточним.", email));
    }

    /// <summary>The first step of turning the second factor on: a key for the authenticator app, as a QR code and as text.</summary>
    public async Task<IActionResult> OnPostStartTwoFactorAsync()
    {
        if (await LoadAsync() is not { } login)
        {
            return Challenge();
        }

        if (!TwoFactorEnabled)
        {
            await ShowSetupAsync(login);
        }

        Section = "two-factor";
        return Page();
    }

    public async Task<IActionResult> OnPostEnableTwoFactorAsync()
    {
        if (await LoadAsync() is not { } login)
        {
            return Challenge();
        }

        Section = "two-factor";
        var code = new string([.. (Code ?? "").Where(char.IsAsciiDigit)]);
        Code = null;
        if (TwoFactorEnabled)
        {
            return Page();
        }

        if (code.Length != 6 || !await users.VerifyTwoFactorTokenAsync(login, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            Errors = [ProblemTexts.Localize(HttpContext, "Код не підійшов. Перевірте, що час на телефоні правильний, і введіть код, який застосунок показує зараз.")];
            await ShowSetupAsync(login);
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(login, true);
        RecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(login, RecoveryCodeCount) ?? []];
        await signIn.RefreshSignInAsync(login);
        logger.LogInformation("Customer login {LoginId} turned the authenticator on", login.Id);
        await LoadAsync();
        Section = "two-factor";
        Message = ProblemTexts.Localize(HttpContext, "Вхід з кодом увімкнено. Відтепер після пароля кабінет попросить код із застосунку.");
        return Page();
    }

    public async Task<IActionResult> OnPostDisableTwoFactorAsync()
    {
        if (await LoadAsync() is not { } login)
        {
            return Challenge();
        }

        await users.SetTwoFactorEnabledAsync(login, false);
        // A new key for the next time, so the old entry in the app no longer means anything.
        await users.ResetAuthenticatorKeyAsync(login);
        await signIn.RefreshSignInAsync(login);
        logger.LogInformation("Customer login {LoginId} turned the authenticator off", login.Id);
        await LoadAsync();
        return Outcome("two-factor", IdentityResult.Success, ProblemTexts.Localize(HttpContext, "Вхід з кодом вимкнено. Тепер для входу достатньо пароля."));
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync()
    {
        if (await LoadAsync() is not { } login)
        {
            return Challenge();
        }

        Section = "two-factor";
        if (!TwoFactorEnabled)
        {
            return Page();
        }

        RecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(login, RecoveryCodeCount) ?? []];
        logger.LogInformation("Customer login {LoginId} made new recovery codes", login.Id);
        await LoadAsync();
        Section = "two-factor";
        Message = ProblemTexts.Localize(HttpContext, "Нові коди відновлення готові; попередні більше не діють.");
        return Page();
    }

    /// <summary>The authenticator key as people type it: lower case in groups of four.</summary>
    public static string InGroupsOfFour(string key)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            builder.Append(builder.Length == 0 ? "" : " ").Append(key.AsSpan(i, Math.Min(4, key.Length - i)));
        }

        return builder.ToString().ToLowerInvariant();
    }

    /// <summary>The otpauth:// link authenticator apps read from the QR code (Google's Key Uri Format).</summary>
    public static string AuthenticatorUri(string email, string key) =>
        $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(email)}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6&period=30";

    private async Task ShowSetupAsync(CustomerLogin login)
    {
        var key = await users.GetAuthenticatorKeyAsync(login);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(login);
            key = await users.GetAuthenticatorKeyAsync(login) ?? "";
        }

        SharedKey = InGroupsOfFour(key);
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(AuthenticatorUri(login.Email!, key), QRCodeGenerator.ECCLevel.M);
        QrCodeDataUri = "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(6));
    }

    private async Task<CustomerLogin?> LoadAsync()
    {
        if (await users.GetUserAsync(User) is not { } login)
        {
            return null;
        }

        Email = login.Email ?? "";
        TwoFactorEnabled = await users.GetTwoFactorEnabledAsync(login);
        RecoveryCodesLeft = TwoFactorEnabled ? await users.CountRecoveryCodesAsync(login) : 0;
        return login;
    }

    /// <param name="success">The sentence to show when it worked, already in the request's language.</param>
    private PageResult Outcome(string section, IdentityResult result, string success)
    {
        Section = section;
        if (result.Succeeded)
        {
            Message = success;
        }
        else
        {
            Errors = [.. result.Errors.Select(e => e.Description).Distinct()];
        }

        return Page();
    }
}
