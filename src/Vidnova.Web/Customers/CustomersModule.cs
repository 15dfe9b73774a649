using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Vidnova.Customers.Cabinet;
using Vidnova.Customers.Links;
using Vidnova.Persistence;
using Vidnova.Problems;

namespace Vidnova.Customers;

/// <summary>
/// Customer logins (ASP.NET Core Identity): the cabinet's cookie, the mobile app's bearer tokens, and Identity's API
/// endpoints under <c>/api/v1/identity</c>.
/// </summary>
public static class CustomersModule
{
    /// <summary>The cabinet's cookie; the staff cookie is another one (<see cref="Hosting.StaffCookie"/>).</summary>
    public const string CookieName = "vidnova.customer";

    /// <summary>Identity's endpoints a stranger can call to guess passwords or send email; the cabinet's pages share their budget.</summary>
    private static readonly string[] LimitedEndpoints = ["/login", "/register", "/forgotPassword", "/resendConfirmationEmail"];

    /// <summary>The limit of a page's form value (<see cref="PageTextLimits"/>), for the text fields of Identity's request bodies.</summary>
    private static readonly TextAttribute IdentityText = new(4000);

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
            .AddUserManager<CustomerUsers>()
            .AddErrorDescriber<CustomerIdentityErrors>()
            .AddUserValidator<CustomerEmailValidator>()
            .AddApiEndpoints();
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromHours(logins.EmailLinkHours));
        services.AddSingleton<IEmailSender<CustomerLogin>, CustomerEmails>();
        services.AddScoped<ICustomerAccounts, CustomerAccounts>();
        services.AddScoped<ICustomerContacts, CustomerContacts>();
        services.AddScoped<CabinetEmailLinks>();
        services.AddScoped<AccountUnlinking>();
        services.AddScoped<UnlinkAccount>();
        services.AddScoped<LinkAccount>();
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
        var identity = api.MapGroup("/identity").WithTags("Identity");
        identity.AddEndpointFilter(LimitPerAddress);
        identity.AddEndpointFilter(RefuseWhatNoPersonTypes);
        identity.MapIdentityApi<CustomerLogin>();
        api.MapAccountLinksApi();
        return api;
    }

    /// <summary>One more attempt from the caller's address for <see cref="LimitedEndpoints"/>, the budget the cabinet's forms draw on too.</summary>
    private static ValueTask<object?> LimitPerAddress(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } pattern }
            && LimitedEndpoints.Any(e => pattern.EndsWith(e, StringComparison.Ordinal)))
        {
            // Refused as a 429 problem by the exception handler, like every other limit.
            http.RequestServices.GetRequiredService<Hosting.RateLimits>().CustomerSignInFrom(http);
        }

        return next(context);
    }

    /// <summary>
    /// Identity's request records carry no <see cref="TextAttribute"/>: their text fields get a page form's limits
    /// here, so a NUL in an email is a 400 naming the field rather than PostgreSQL's 500 when Identity looks it up.
    /// </summary>
    private static ValueTask<object?> RefuseWhatNoPersonTypes(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var errors = new InputErrors();
        foreach (var argument in context.Arguments)
        {
            if (argument?.GetType() is { Namespace: "Microsoft.AspNetCore.Identity.Data" } type)
            {
                foreach (var property in type.GetProperties().Where(p => p.PropertyType == typeof(string)))
                {
                    TextLimits.Check(JsonNamingPolicy.CamelCase.ConvertName(property.Name), (string?)property.GetValue(argument), IdentityText, errors);
                }
            }
        }

        errors.ThrowIfAny();
        return next(context);
    }
}
