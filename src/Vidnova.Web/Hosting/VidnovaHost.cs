using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;
using Scalar.AspNetCore;
using Vidnova.Accounts;
using Vidnova.Billing;
using Vidnova.Cabinet;
using Vidnova.Calendar;
using Vidnova.Chatbot;
using Vidnova.Contacts;
using Vidnova.Customers;
using Vidnova.Demo;
using Vidnova.Dso;
using Vidnova.Dunning;
using Vidnova.InboundMail;
using Vidnova.Kernel;
using Vidnova.Ledger;
using Vidnova.Localization;
using Vidnova.Notifications;
using Vidnova.Payments;
using Vidnova.Persistence;
using Vidnova.Problems;
using Vidnova.Readings;
using Vidnova.RepaymentSchedules;
using Vidnova.Restoration;
using Vidnova.Restoration.BackOffice;
using Vidnova.Restoration.Receipts;
using Vidnova.Sla;
using Vidnova.Staff;
using Vidnova.UntrustedDocuments;

namespace Vidnova.Hosting;

public static class VidnovaHost
{
    private const string StaffCookieScheme = CookieAuthenticationDefaults.AuthenticationScheme;
    private const string SelectScheme = "Vidnova";

    /// <summary>The environment the integration tests run the host in.</summary>
    private const string TestingEnvironment = "Testing";

    // Neutral "uk"/"en" too, so that Accept-Language: en or en-US (whose parent is "en") is honoured.
    public static readonly CultureInfo[] Cultures =
        [CultureInfo.GetCultureInfo("uk-UA"), CultureInfo.GetCultureInfo("en-GB"), CultureInfo.GetCultureInfo("uk"), CultureInfo.GetCultureInfo("en")];

    public static WebApplicationBuilder AddVidnova(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;

        if (builder.Environment.IsEnvironment(TestingEnvironment))
        {
            // Development checks that nothing scoped is taken from the root provider and that every registration
            // resolves; the tests' host checks the same, so a registration that would stop `dotnet run` fails the
            // tests rather than only the demo (a login email sender holding a database context once did).
            builder.Host.UseDefaultServiceProvider(provider =>
            {
                provider.ValidateScopes = true;
                provider.ValidateOnBuild = true;
            });
        }

        services.Configure<VidnovaOptions>(configuration.GetSection(VidnovaOptions.Section));
        services.Configure<RateLimitOptions>(configuration.GetSection(RateLimitOptions.Section));
        services.AddSingleton<RateLimits>();
        services.AddTrustedProxies(configuration);

        services.AddVidnovaDatabase(configuration, builder.Environment);
        services.AddSingleton<IClock>(NodaTime.SystemClock.Instance);

        services.AddCalendar();
        services.AddContactsModule(configuration);
        services.AddNotificationsModule(configuration);
        services.AddSlaModule(configuration);
        services.AddDsoModule(configuration);
        services.AddUntrustedDocumentsModule(configuration);
        services.AddInboundMailModule(configuration);
        services.AddRestorationModule(configuration);
        services.AddStaffModule();
        services.AddCustomersModule(configuration);
        services.AddCabinetModule();
        services.AddLedgerModule();
        services.AddAccountsModule();
        services.AddPaymentsModule(configuration);
        services.AddReadingsModule(configuration);
        services.AddBillingModule(configuration);
        services.AddDunningModule(configuration);
        services.AddRepaymentSchedulesModule(configuration);
        services.AddChatbotModule(configuration);
        services.AddDemoModule(configuration, builder.Environment);

        services.AddAuthentication(SelectScheme)
            .AddPolicyScheme(SelectScheme, "API key, customer login or staff cookie", options =>
            {
                // Machines send X-Api-Key; the app sends a customer's bearer token; the API answers strangers with 401
                // problem details; the cabinet has the customer's cookie; other pages are the back office's.
                options.ForwardDefaultSelector = context => SchemeFor(context.Request);
            })
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null)
            .AddCookie(StaffCookieScheme, options =>
            {
                options.Cookie.Name = StaffCookie.Name;
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Strict;
                // Secure whenever the request is HTTPS, which behind the TLS proxy X-Forwarded-Proto tells us.
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.LoginPath = "/backoffice/sign-in";
                options.LogoutPath = "/backoffice/sign-out";
                options.AccessDeniedPath = "/backoffice/denied";
                options.ExpireTimeSpan = TimeSpan.FromHours(10);
                options.SlidingExpiration = true;
            });
        services.AddAuthorization(AuthorizationPolicies.Configure);
        // The antiforgery cookie is not Secure by default even on HTTPS; make it follow the request like the staff cookie.
        services.AddAntiforgery(options => options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);

        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture(Cultures[0]);
            options.SupportedCultures = Cultures;
            options.SupportedUICultures = Cultures;
            // Ukrainian unless the person chose English (cookie or ?culture=en); API clients may send Accept-Language.
            options.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider(),
                new CookieRequestCultureProvider(),
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });

        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Extensions["traceId"] = context.HttpContext.TraceIdentifier;
            // Problems we did not write ourselves (an unknown route, a wrong method, an unexpected error) carry a
            // code too, in every environment, so clients can always branch on it.
            context.ProblemDetails.Extensions.TryAdd("code", ProblemDetailsMapping.CodeFor(context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode));
        });
        services.AddExceptionHandler<ProblemDetailsMapping>();
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.ConfigureForNodaTime(DateTimeZoneProviders.Tzdb);
        });
        services.AddOpenApi("v1", options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Vidnova API";
            document.Info.Description = "Restoration of electricity supply after a disconnection for debt: applications, receipts, DSO exchange.";
            return Task.CompletedTask;
        }));
        services.AddRazorPages(options => options.RootDirectory = "/")
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(Localization.SharedResource)))
            .AddMvcOptions(o => o.Filters.Add(new PageTextLimits()))
            .AddMvcOptions(o => o.Filters.Add(new RefusalPageFilter()));
        // Razor pages are mostly Cyrillic; without this every letter is written as a numeric entity.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddHealthChecks().AddCheck<DatabaseReadiness>("database", tags: ["ready"]);
        services.AddDataProtection().SetApplicationName("Vidnova").PersistKeysToDbContext<VidnovaDbContext>();
        services.AddVidnovaTelemetry(configuration);
        builder.Logging.Configure(options => options.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);
        return builder;
    }

    private static string SchemeFor(HttpRequest request)
    {
        if (request.Headers.ContainsKey(ApiKeyAuthentication.Header))
        {
            return ApiKeyAuthentication.SchemeName;
        }

        if (request.Path.StartsWithSegments("/cabinet"))
        {
            return IdentityConstants.ApplicationScheme;
        }

        if (!request.Path.StartsWithSegments("/api"))
        {
            return StaffCookieScheme;
        }

        // An application's own access token is a bearer token too, 43 characters (SecretTokens.NewAccessToken); a
        // login's bearer token is a protected ticket of several hundred. Only the latter goes to Identity's handler:
        // trying to unprotect the short one would fail on every status read, the customers' most frequent request.
        if (BearerTokens.Of(request) is { } token)
        {
            return token.Length > SecretTokens.AccessTokenLength ? IdentityConstants.BearerScheme : ApiKeyAuthentication.SchemeName;
        }

        return request.Cookies.ContainsKey(StaffCookie.Name) ? StaffCookieScheme
            : request.Cookies.ContainsKey(CustomersModule.CookieName) ? IdentityConstants.ApplicationScheme
            : ApiKeyAuthentication.SchemeName;
    }

    /// <summary>Applies migrations (unless <c>Database:MigrateOnStartup</c> is false) and seeds reference and demo data.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        if (app.Configuration.GetValue("Database:MigrateOnStartup", true))
        {
            await app.MigrateDatabaseAsync();
        }

        await app.SeedAsync(demo: true);
    }

    /// <summary>
    /// Brings the schema up to date and writes the reference data (the working-day calendar, the household tariff), so
    /// the <c>migrate</c> deploy step leaves a database that <c>bill</c> can run on before any web instance starts.
    /// EF Core takes a database lock, so instances starting together take turns.
    /// </summary>
    public static async Task MigrateDatabaseAsync(this WebApplication app)
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<VidnovaDbContext>();
            await db.Database.MigrateAsync();
            app.Logger.LogInformation("Database schema is up to date ({Provider})", db.Database.ProviderName);
        }

        await app.SeedAsync(demo: false);
    }

    private static async Task SeedAsync(this WebApplication app, bool demo)
    {
        await using var scope = app.Services.CreateAsyncScope();
        try
        {
            await scope.ServiceProvider.GetRequiredService<CalendarStore>().SeedAsync(CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<TariffSeed>().SeedAsync(CancellationToken.None);
            if (demo)
            {
                await DemoModule.SeedAsync(scope.ServiceProvider, app.Configuration, CancellationToken.None);
            }
        }
        catch (DbUpdateException exception)
        {
            // Several instances starting at once on an empty database: another one seeded it first.
            app.Logger.LogInformation(exception, "Seed data was written by another instance");
        }
    }

    public static WebApplication UseVidnova(this WebApplication app)
    {
        if (ReceiptApprovalModes.Read(app.Configuration) == ReceiptApprovalMode.Receipt)
        {
            app.Logger.LogWarning("Receipts:AutoApprove is 'receipt': a PDF receipt matching the invoice sends the application to the DSO "
                + "without an operator, and such a PDF can be forged; 'statement' waits for the DSO's bank statement");
        }

        // The client's address and scheme first (from trusted proxies only): limits, cookies and HSTS depend on them.
        app.UseForwardedHeaders();
        app.UseSecurityHeaders(hsts: app.Environment.IsProduction());

        // Localisation first: the exception handler writes problem details in the request's language.
        app.UseRequestLocalization();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UsePeopleErrorPages();
        app.UseKnownRequestCharset();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        var api = app.MapGroup("/api/v1");
        api.AddEndpointFilterFactory(TextLimits.Filter);
        api.MapRestorationModule();
        api.MapAccountsModule();
        api.MapDsoModule();
        api.MapPaymentsModule();
        api.MapInboundMailModule();
        api.MapCustomersModule();
        api.MapReadingsModule();
        api.MapBillingModule();
        api.MapDunningModule();
        api.MapChatbotModule();
        api.MapCabinetModule();
        api.MapRepaymentSchedulesModule();

        app.MapOpenApi("/openapi/{documentName}.json");
        // No fonts from Scalar's CDN: the page stays within its Content-Security-Policy and tells no third party who reads it.
        app.MapScalarApiReference("/api", options => options.WithTitle("Vidnova API").WithOpenApiRoutePattern("/openapi/{documentName}.json")
            .DisableDefaultFonts());
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        app.MapCultureSwitch();
        app.MapDemoModule();
        app.MapReceiptFiles();
        app.MapRazorPages();
        return app;
    }

}

public static class StaffCookie
{
    public const string Name = "vidnova.staff";
}
