using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Vidnova.Customers.Links;
using Vidnova.Persistence;

namespace Vidnova.Customers;

/// <summary>
/// Customer logins (ASP.NET Core Identity): the cabinet's cookie, the mobile app's bearer tokens, and Identity's API
/// endpoints under <c>/api/v1/identity</c>.
/// </summary>
public static class CustomersModule
{
    /// <summary>The cabinet's cookie; the staff cookie is another one (<see cref="Hosting.StaffCookie"/>).</summary>
    public const string CookieName = "vidnova.customer";

    public static IServiceCollection AddCustomersModule(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(CustomerLoginOptions.Section);
        services.Configure<CustomerLoginOptions>(section);
        var logins = section.Get<CustomerLoginOptions>() ?? new CustomerLoginOptions();

        services.AddIdentityCore<CustomerLogin>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.SignIn.RequireConfirmedEmail = true;
                // Length over character classes (NIST SP 800-63B): a long passphrase is better than "Passw0rd!".
                options.Password.RequiredLength = 10;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 4;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = logins.MaxFailedSignIns;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(logins.LockoutMinutes);
            })
            .AddEntityFrameworkStores<VidnovaDbContext>()
            .AddApiEndpoints();
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromHours(logins.EmailLinkHours));
        services.AddTransient<IEmailSender<CustomerLogin>, CustomerEmails>();
        services.AddScoped<ICustomerAccounts, CustomerAccounts>();
        services.AddScoped<LinkAccount>();
        services.AddScoped<UnlinkAccount>();
        services.AddScoped<AccountLogins>();

        services.AddAuthentication()
            .AddBearerToken(IdentityConstants.BearerScheme, options =>
            {
                options.BearerTokenExpiration = TimeSpan.FromMinutes(logins.AccessTokenMinutes);
                options.RefreshTokenExpiration = TimeSpan.FromDays(logins.RefreshTokenDays);
            })
            .AddIdentityCookies(cookies => cookies.ApplicationCookie?.Configure(options =>
            {
                options.Cookie.Name = CookieName;
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.LoginPath = "/cabinet/sign-in";
                options.LogoutPath = "/cabinet/sign-out";
                options.AccessDeniedPath = "/cabinet/sign-in";
                options.ExpireTimeSpan = TimeSpan.FromHours(logins.CookieHours);
                options.SlidingExpiration = true;
                // The API answers with a status and problem details, never with a redirect to the sign-in page.
                options.Events.OnRedirectToLogin = context => RedirectOrStatus(context, StatusCodes.Status401Unauthorized);
                options.Events.OnRedirectToAccessDenied = context => RedirectOrStatus(context, StatusCodes.Status403Forbidden);
            }));
        return services;
    }

    private static Task RedirectOrStatus(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Identity's endpoints for the mobile app and chatbots (register, login with bearer and refresh tokens, refresh,
    /// confirmEmail, manage/…) and the login's account links under <c>/me/accounts</c>.
    /// </summary>
    public static RouteGroupBuilder MapCustomersModule(this RouteGroupBuilder api)
    {
        api.MapGroup("/identity").WithTags("Identity").MapIdentityApi<CustomerLogin>();
        api.MapAccountLinksApi();
        return api;
    }
}
