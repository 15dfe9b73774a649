using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Vidnova.Hosting;
using Vidnova.Persistence;
using Vidnova.Problems;

namespace Vidnova.Staff;

/// <summary>Back-office sign-in with a staff login (email) and password; issues the staff cookie.</summary>
[AllowAnonymous]
internal sealed class SignInModel(VidnovaDbContext db, RateLimits limits, StaffLockout lockout, StaffPasswords passwords, IClock clock, ILogger<SignInModel> logger) : PageModel
{
    public const string DisplayNameClaim = "display_name";

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>The localised sentence; deliberately the same whichever of the two was wrong.</summary>
    public string? Error { get; private set; }

    public IActionResult OnGet()
    {
        if (User.Identity?.IsAuthenticated == true && Hosting.StaffIdentity.IsStaff(User))
        {
            return LocalRedirect(SafeReturnUrl());
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var login = Email?.Trim().ToLowerInvariant() ?? "";
        var password = Password ?? "";
        if (login.Length == 0 || password.Length == 0)
        {
            Error = ProblemTexts.Localize(HttpContext, "Введіть email і пароль.");
            return Page();
        }

        try
        {
            limits.StaffSignInFrom(HttpContext);
        }
        catch (TooManyRequestsException limited)
        {
            logger.LogWarning("Back-office sign-in rate limited for {Login}", login);
            return Refuse(limited);
        }

        var now = clock.GetCurrentInstant();
        var user = login.Length > 254 ? null : await db.Set<StaffUser>().AsNoTracking().SingleOrDefaultAsync(u => u.Login == login, ct);
        // Counted before the password is checked, in one UPDATE that refuses a locked login: a snapshot read first
        // let parallel guesses all see "not locked".
        if (user is not null && await lockout.CountAttemptAsync(user.Id, now, CancellationToken.None) is { } locked)
        {
            // Not even the right password: the lock is what stops a guesser who finally hits it.
            logger.LogWarning("Back-office sign-in refused for {Login}: locked until {LockedUntil}", login, locked);
            return Refuse(Locked(locked, now));
        }

        var valid = passwords.Verify(user, password);
        if (!valid || user is null)
        {
            logger.LogWarning("Back-office sign-in refused for {Login}", login);
            Password = null;
            if (user is not null)
            {
                await lockout.RecordFailureAsync(user.Id, now, CancellationToken.None);
                if (await lockout.LockedUntilAsync(user.Id, now, ct) is { } lockedUntil)
                {
                    logger.LogWarning("Back-office login {Login} locked until {LockedUntil} after repeated wrong passwords", login, lockedUntil);
                    return Refuse(Locked(lockedUntil, now));
                }
            }

            Error = ProblemTexts.Localize(HttpContext, "Email або пароль невірні. Перевірте розкладку клавіатури й Caps Lock та спробуйте ще раз.");
            return Page();
        }

        await lockout.RecordSuccessAsync(user.Id, now, CancellationToken.None);

        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, user.Login),
                new Claim(ClaimTypes.Role, user.Role),
                new Claim(DisplayNameClaim, user.DisplayName),
            ],
            CookieAuthenticationDefaults.AuthenticationScheme,
            ClaimTypes.Name,
            ClaimTypes.Role);
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity),
            new AuthenticationProperties { IsPersistent = false });
        logger.LogInformation("Back-office sign-in: {Login} ({Role})", user.Login, user.Role);
        return LocalRedirect(SafeReturnUrl());
    }

    private static TooManyRequestsException Locked(Instant until, Instant now) =>
        new("Забагато невдалих спроб входу, вхід тимчасово заблоковано. Спробуйте знову {0} або попросіть адміністратора перевірити обліковий запис.",
            until - now);

    private PageResult Refuse(TooManyRequestsException limited)
    {
        Error = ProblemDetailsMapping.Describe(HttpContext, limited);
        Password = null;
        ProblemDetailsMapping.AddRetryAfter(Response, limited);
        Response.StatusCode = StatusCodes.Status429TooManyRequests;
        return Page();
    }

    /// <summary>Only a path on this site (never <c>//evil</c> or <c>https://…</c>), and never back to the sign-in page.</summary>
    private string SafeReturnUrl() =>
        !string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl)
        && !ReturnUrl.StartsWith("/backoffice/sign-", StringComparison.OrdinalIgnoreCase)
            ? ReturnUrl
            : "/backoffice";
}
