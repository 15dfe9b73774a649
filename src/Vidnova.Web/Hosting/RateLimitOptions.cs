namespace Vidnova.Hosting;

/// <summary>
/// Abuse limits (<c>RateLimits:*</c>). Limits marked "per instance" are counted in the memory of each instance, so
/// behind a load balancer with N instances a client may get up to N times as many; the ones that protect people
/// (staff lockout, confirmation emails per application, applications per account, wrong account-link proofs) are counted in the database and
/// hold across instances.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    public ApplicationLimits Applications { get; set; } = new();

    public ConfirmationEmailLimits ConfirmationEmails { get; set; } = new();

    public StaffSignInLimits StaffSignIn { get; set; } = new();

    public CustomerSignInLimits CustomerSignIn { get; set; } = new();

    public InboundEmailLimits InboundEmails { get; set; } = new();

    public ReceiptLimits Receipts { get; set; } = new();

    public AccountLinkLimits AccountLinks { get; set; } = new();
}

public sealed class ApplicationLimits
{
    /// <summary>New applications from one client address (an IPv6 /64) per hour; per instance.</summary>
    public int PerAddressPerHour { get; set; } = 20;

    /// <summary>New applications for one personal account per 24 hours, counted in the database.</summary>
    public int PerAccountPerDay { get; set; } = 5;
}

public sealed class ConfirmationEmailLimits
{
    /// <summary>Confirmation-code emails (the first one and every resend) per application per hour, counted in the outbox.</summary>
    public int PerApplicationPerHour { get; set; } = 3;
}

public sealed class StaffSignInLimits
{
    /// <summary>Sign-in attempts from one client address per hour, whatever the login; per instance.</summary>
    public int PerAddressPerHour { get; set; } = 60;

    /// <summary>Consecutive wrong passwords after which the staff login is locked (stored on the user, so for every instance).</summary>
    public int LockoutFailures { get; set; } = 5;

    public int LockoutMinutes { get; set; } = 15;
}

public sealed class CustomerSignInLimits
{
    /// <summary>
    /// Customer sign-in, registration, password-reset and confirmation-email requests (the cabinet's pages and
    /// Identity's API alike) from one client address (an IPv6 /64) per hour; per instance. The lockout of a login
    /// after wrong passwords is Identity's, stored on the login.
    /// </summary>
    public int PerAddressPerHour { get; set; } = 60;
}

public sealed class InboundEmailLimits
{
    /// <summary>Pushes to <c>POST /api/v1/inbound-emails</c> per API key per minute; per instance.</summary>
    public int PerKeyPerMinute { get; set; } = 120;
}

public sealed class ReceiptLimits
{
    /// <summary>
    /// Receipt uploads (API and status page) for one application per hour; per instance. Each upload may start a
    /// sandboxed reader process, so a flood of them is a flood of processes.
    /// </summary>
    public int PerApplicationPerHour { get; set; } = 10;

    /// <summary>Receipt uploads from one client address (an IPv6 /64) per hour, whatever the application; per instance.</summary>
    public int PerAddressPerHour { get; set; } = 30;
}

public sealed class AccountLinkLimits
{
    /// <summary>Wrong proofs one customer login may send in an hour when linking accounts, counted in the database.</summary>
    public int PerLoginPerHour { get; set; } = 5;

    /// <summary>Wrong proofs for one personal account in an hour, whichever logins sent them, counted in the database.</summary>
    public int PerAccountPerHour { get; set; } = 5;
}
