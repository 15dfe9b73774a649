namespace Vidnova.Customers;

/// <summary>How long a customer's sign-in lasts (<c>Customers:Logins</c>).</summary>
public sealed class CustomerLoginOptions
{
    public const string Section = "Customers:Logins";

    /// <summary>The mobile app's bearer access token; it then refreshes with the refresh token.</summary>
    public int AccessTokenMinutes { get; set; } = 60;

    public int RefreshTokenDays { get; set; } = 14;

    /// <summary>The cabinet's cookie, renewed while the customer is active.</summary>
    public int CookieHours { get; set; } = 8;

    /// <summary>Wrong passwords in a row before the login is locked for <see cref="LockoutMinutes"/>.</summary>
    public int MaxFailedSignIns { get; set; } = 5;

    public int LockoutMinutes { get; set; } = 15;

    /// <summary>How long an emailed confirmation or password-reset link works.</summary>
    public int EmailLinkHours { get; set; } = 24;
}
