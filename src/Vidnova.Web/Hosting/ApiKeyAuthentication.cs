using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Vidnova.Dso;
using Vidnova.Kernel;
using Vidnova.Notifications;
using Vidnova.Payments.Registries;
using Vidnova.Persistence;
using Vidnova.Problems;

namespace Vidnova.Hosting;

/// <summary>
/// Authenticates machine callers by the <c>X-Api-Key</c> header: the configured admin key (staff rights), the mail
/// gateway's key (pushing inbound mail only), a DSO's own key (rights over that DSO's requests only) or a payment
/// partner's key (sending its own registries only).
/// </summary>
public sealed class ApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptionsMonitor<VidnovaOptions> vidnova,
    IOptionsMonitor<MailOptions> mail,
    VidnovaDbContext db) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";
    public const string DsoClaim = "vidnova:dso";
    public const string PaymentPartnerClaim = "vidnova:payment-partner";

    public static DsoCode DsoOf(ClaimsPrincipal user) =>
        StaffIdentity.DsoOf(user) ?? throw new InvalidOperationException("The DSO policy admits only DSO keys.");

    public static string PaymentPartnerOf(ClaimsPrincipal user) =>
        user.FindFirstValue(PaymentPartnerClaim) ?? throw new InvalidOperationException("The payment partner policy admits only partner keys.");

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var values) || string.IsNullOrWhiteSpace(values.ToString()))
        {
            return AuthenticateResult.NoResult();
        }

        var key = values.ToString().Trim();
        var adminKey = vidnova.CurrentValue.AdminApiKey;
        if (!string.IsNullOrEmpty(adminKey)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(adminKey)))
        {
            return Success([new Claim(ClaimTypes.Name, "api-key"), new Claim(ClaimTypes.Role, StaffRoles.Administrator)]);
        }

        var mailGatewayKey = mail.CurrentValue.Inbound.ApiKey;
        if (!string.IsNullOrEmpty(mailGatewayKey)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(mailGatewayKey)))
        {
            return Success([new Claim(ClaimTypes.Name, "mail-gateway"), new Claim(ClaimTypes.Role, StaffRoles.MailGateway)]);
        }

        foreach (var (code, configuredKey) in vidnova.CurrentValue.DsoApiKeys)
        {
            if (DsoCode.TryParse(code, out var dsoCode) && !string.IsNullOrEmpty(configuredKey)
                && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(configuredKey)))
            {
                return Success([new Claim(ClaimTypes.Name, $"dso:{dsoCode}"), new Claim(DsoClaim, dsoCode.Value.Value)]);
            }
        }

        var hash = SecretTokens.Hash(key);
        var dsoKey = await db.Set<DsoApiKey>().AsNoTracking()
            .SingleOrDefaultAsync(k => k.KeyHash == hash && k.RevokedAt == null, Context.RequestAborted);
        if (dsoKey is not null)
        {
            return Success([new Claim(ClaimTypes.Name, $"dso:{dsoKey.DsoCode}"), new Claim(DsoClaim, dsoKey.DsoCode.Value)]);
        }

        var partnerKey = await db.Set<PaymentPartnerApiKey>().AsNoTracking()
            .SingleOrDefaultAsync(k => k.KeyHash == hash && k.RevokedAt == null, Context.RequestAborted);
        if (partnerKey is not null)
        {
            return Success([new Claim(ClaimTypes.Name, PaymentPartner.ChannelOf(partnerKey.PartnerCode)), new Claim(PaymentPartnerClaim, partnerKey.PartnerCode)]);
        }

        return AuthenticateResult.Fail("Unknown or revoked API key.");
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var authenticated = await Context.AuthenticateAsync(SchemeName);
        var problems = Context.RequestServices.GetRequiredService<IProblemDetailsService>();
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails =
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = ProblemTexts.Localize(Context, "Потрібен ключ API"),
                Detail = ProblemTexts.Localize(Context, authenticated.Failure is null
                    ? "Додайте заголовок X-Api-Key з ключем, виданим постачальником."
                    : "Ключ API у заголовку X-Api-Key невідомий або відкликаний. Попросіть у постачальника новий ключ."),
                Extensions = { ["code"] = authenticated.Failure is null ? "api_key_missing" : "api_key_invalid" },
            },
        });
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var problems = Context.RequestServices.GetRequiredService<IProblemDetailsService>();
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails =
            {
                Status = StatusCodes.Status403Forbidden,
                Title = ProblemTexts.Localize(Context, "Недостатньо прав"),
                Detail = ProblemTexts.Localize(Context, "Цей ключ API не дає права на цю дію."),
                Extensions = { ["code"] = "forbidden" },
            },
        });
    }

    private static AuthenticateResult Success(Claim[] claims) =>
        AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName));
}
