using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Vidnova.Kernel;

namespace Vidnova.Hosting;

public static class StaffRoles
{
    public const string Operator = "operator";
    public const string Supervisor = "supervisor";
    public const string Administrator = "administrator";

    /// <summary>A mail service pushing the supplier's inbound mail (<c>Mail:Inbound:ApiKey</c>).</summary>
    public const string MailGateway = "mail-gateway";
}

public static class AuthorizationPolicies
{
    /// <summary>Any supplier employee signed in to the back office, or the admin automation key.</summary>
    public const string Staff = "Staff";

    /// <summary>May decide on receipts: operators, supervisors, administrators, the admin key.</summary>
    public const string Operator = "Operator";

    /// <summary>Follows the SLA: supervisors and administrators.</summary>
    public const string Supervisor = "Supervisor";

    /// <summary>May change reference data (accounts, DSOs, calendar, keys): administrators and the admin key.</summary>
    public const string Administrator = "Administrator";

    /// <summary>Pushes inbound mail: the mail gateway's key, or an administrator.</summary>
    public const string MailGateway = "MailGateway";

    /// <summary>A customer login through the mobile app's bearer token or the cabinet's cookie: every <c>/api/v1/me</c> endpoint.</summary>
    public const string Customer = "Customer";

    /// <summary>A customer login signed in to the cabinet's pages (its cookie).</summary>
    public const string Cabinet = "Cabinet";

    /// <summary>A DSO's systems, identified by their own API key.</summary>
    public const string Dso = "Dso";

    /// <summary>A payment partner's systems (bank, terminals, Ukrposhta), identified by their own API key.</summary>
    public const string PaymentPartner = "PaymentPartner";

    /// <summary>Submits meter readings: administrators, the admin key, or a DSO's key (for its own accounts).</summary>
    public const string AdministratorOrDso = "AdministratorOrDso";

    /// <summary>Reads an account's meter readings: any supplier employee, the admin key, or a DSO's key (for its own accounts).</summary>
    public const string StaffOrDso = "StaffOrDso";

    public static void Configure(Microsoft.AspNetCore.Authorization.AuthorizationOptions options)
    {
        options.AddPolicy(Staff, p => p.RequireRole(StaffRoles.Operator, StaffRoles.Supervisor, StaffRoles.Administrator));
        options.AddPolicy(Operator, p => p.RequireRole(StaffRoles.Operator, StaffRoles.Supervisor, StaffRoles.Administrator));
        options.AddPolicy(Supervisor, p => p.RequireRole(StaffRoles.Supervisor, StaffRoles.Administrator));
        options.AddPolicy(Administrator, p => p.RequireRole(StaffRoles.Administrator));
        options.AddPolicy(Dso, p => p.RequireClaim(ApiKeyAuthentication.DsoClaim));
        options.AddPolicy(PaymentPartner, p => p.RequireClaim(ApiKeyAuthentication.PaymentPartnerClaim));
        options.AddPolicy(AdministratorOrDso, p => p.RequireAssertion(c =>
            c.User.IsInRole(StaffRoles.Administrator) || c.User.HasClaim(claim => claim.Type == ApiKeyAuthentication.DsoClaim)));
        options.AddPolicy(StaffOrDso, p => p.RequireAssertion(c =>
            StaffIdentity.IsStaff(c.User) || c.User.HasClaim(claim => claim.Type == ApiKeyAuthentication.DsoClaim)));
        options.AddPolicy(Customer, p => p.AddAuthenticationSchemes(IdentityConstants.BearerScheme, IdentityConstants.ApplicationScheme)
            .RequireAuthenticatedUser().RequireAssertion(c => Customers.CustomerPrincipal.LoginIdOf(c.User) is not null));
        options.AddPolicy(Cabinet, p => p.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme)
            .RequireAuthenticatedUser().RequireAssertion(c => Customers.CustomerPrincipal.LoginIdOf(c.User) is not null));
        options.AddPolicy(MailGateway, p => p.RequireRole(StaffRoles.MailGateway, StaffRoles.Administrator));
    }
}

public static class StaffIdentity
{
    public static bool IsStaff(ClaimsPrincipal user) =>
        user.IsInRole(StaffRoles.Operator) || user.IsInRole(StaffRoles.Supervisor) || user.IsInRole(StaffRoles.Administrator);

    /// <summary>How a staff action is attributed in timelines: <c>staff:olena@…</c> or <c>staff:api-key</c>.</summary>
    public static string ActorOf(ClaimsPrincipal user) => Restoration.Actors.Staff(user.Identity?.Name ?? "unknown");

    public static DsoCode? DsoOf(ClaimsPrincipal user) =>
        user.FindFirstValue(ApiKeyAuthentication.DsoClaim) is { } code ? DsoCode.Parse(code) : null;
}
