using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Vidnova.Restoration;

/// <summary>
/// The signed, expiring link in a customer email that opens its application on any device, for whoever holds the
/// email (<c>Restoration:EmailLinkDays</c>). Signed with ASP.NET Core Data Protection (whose keys all instances share
/// through the database), so nothing is stored per link and a link cannot be made up or stretched.
/// </summary>
internal sealed class ApplicationLinks(IDataProtectionProvider protection, TimeProvider time, IOptionsMonitor<RestorationOptions> options)
{
    public const string QueryParameter = "link";

    private readonly ITimeLimitedDataProtector _protector =
        protection.CreateProtector("Vidnova.Restoration.ApplicationLink.v1").ToTimeLimitedDataProtector();

    public string Sign(Guid applicationId) =>
        _protector.Protect(applicationId.ToString("N"), time.GetUtcNow() + TimeSpan.FromDays(Math.Max(1, options.CurrentValue.EmailLinkDays)));

    /// <summary>Until when <paramref name="link"/> opens the application; null when it is not its link or expired.</summary>
    /// <remarks>
    /// The protector checks the expiry against the system clock; checking it again against ASP.NET Core's
    /// <see cref="TimeProvider"/> (the same clock in production) lets the tests expire a link as they expire a cookie.
    /// </remarks>
    public DateTimeOffset? ValidUntil(Guid applicationId, string? link)
    {
        if (string.IsNullOrEmpty(link))
        {
            return null;
        }

        try
        {
            var payload = _protector.Unprotect(link, out var expiration);
            return payload == applicationId.ToString("N") && expiration > time.GetUtcNow() ? expiration : null;
        }
        catch (Exception broken) when (broken is CryptographicException or FormatException)
        {
            // Tampered with, expired, or signed with a key that was revoked.
            return null;
        }
    }
}
