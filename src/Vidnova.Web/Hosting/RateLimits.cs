using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using NodaTime;
using Vidnova.Problems;

namespace Vidnova.Hosting;

/// <summary>
/// The in-memory limits (System.Threading.RateLimiting, the limiters behind ASP.NET Core's rate-limiting
/// middleware). They are acquired by the API handlers and the pages alike, so a form and its API share one budget
/// and both refuse the same way (a <see cref="TooManyRequestsException"/>). Partitions live in this instance's
/// memory: behind a load balancer each instance counts on its own (see <see cref="RateLimitOptions"/>).
/// </summary>
public sealed class RateLimits : IDisposable
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private readonly PartitionedRateLimiter<string> _applications;
    private readonly PartitionedRateLimiter<string> _staffSignIn;
    private readonly PartitionedRateLimiter<string> _customerSignIn;
    private readonly PartitionedRateLimiter<string> _inboundEmails;
    private readonly PartitionedRateLimiter<string> _receiptsPerApplication;
    private readonly PartitionedRateLimiter<string> _receiptsPerAddress;

    public RateLimits(IOptions<RateLimitOptions> options)
    {
        var limits = options.Value;
        _applications = PerKey(limits.Applications.PerAddressPerHour, Hour);
        _staffSignIn = PerKey(limits.StaffSignIn.PerAddressPerHour, Hour);
        _customerSignIn = PerKey(limits.CustomerSignIn.PerAddressPerHour, Hour);
        _inboundEmails = PerKey(limits.InboundEmails.PerKeyPerMinute, Minute);
        _receiptsPerApplication = PerKey(limits.Receipts.PerApplicationPerHour, Hour);
        _receiptsPerAddress = PerKey(limits.Receipts.PerAddressPerHour, Hour);
    }

    /// <summary>One more application from the caller's address (the API and the portal's form).</summary>
    public void ApplicationFrom(HttpContext context) =>
        Take(_applications, ClientAddress.Of(context), Hour, "Забагато заяв з вашої мережі. Спробуйте знову {0}.");

    /// <summary>One more back-office sign-in attempt from the caller's address, whichever login it names.</summary>
    public void StaffSignInFrom(HttpContext context) =>
        Take(_staffSignIn, ClientAddress.Of(context), Hour, "Забагато спроб входу з вашої мережі. Спробуйте знову {0}.");

    /// <summary>
    /// One more customer sign-in, registration, password-reset or confirmation-email request from the caller's
    /// address: the cabinet's pages and Identity's API endpoints share the budget.
    /// </summary>
    public void CustomerSignInFrom(HttpContext context) =>
        Take(_customerSignIn, ClientAddress.Of(context), Hour, "Забагато спроб входу чи реєстрації з вашої мережі. Спробуйте знову {0}.");

    /// <summary>One more pushed inbound email for the API key the caller authenticated with.</summary>
    public void InboundEmailFor(string key) =>
        Take(_inboundEmails, key, Minute, "Забагато листів за хвилину з цим ключем. Повторіть надсилання {0}.");

    /// <summary>One more receipt upload (the API and the status page's form) from the caller's address for this application.</summary>
    public void ReceiptFor(HttpContext context, Guid applicationId)
    {
        Take(_receiptsPerAddress, ClientAddress.Of(context), Hour, "Забагато квитанцій з вашої мережі. Спробуйте знову {0}.");
        Take(_receiptsPerApplication, applicationId.ToString(), Hour,
            "Забагато квитанцій до цієї заяви за годину. Спробуйте знову {0} або напишіть нам, якщо квитанція не проходить.");
    }

    public void Dispose()
    {
        _applications.Dispose();
        _staffSignIn.Dispose();
        _customerSignIn.Dispose();
        _inboundEmails.Dispose();
        _receiptsPerApplication.Dispose();
        _receiptsPerAddress.Dispose();
    }

    private static PartitionedRateLimiter<string> PerKey(int permits, TimeSpan window) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, permits),
            Window = window,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    private static void Take(PartitionedRateLimiter<string> limiter, string key, TimeSpan window, string refusal)
    {
        using var lease = limiter.AttemptAcquire(key);
        if (!lease.IsAcquired)
        {
            var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : window;
            throw new TooManyRequestsException(refusal, Duration.FromTimeSpan(retryAfter));
        }
    }
}

/// <summary>
/// The client's address as a limit partition. It is the TCP peer, or what a trusted proxy says in
/// X-Forwarded-For (see <see cref="ForwardedHeadersSetup"/>); an IPv6 client is counted by its /64, the block one
/// subscriber gets (RFC 6177), or a single household could rotate through addresses for ever.
/// </summary>
public static class ClientAddress
{
    public static string Of(HttpContext context) => Partition(context.Connection.RemoteIpAddress);

    public static string Partition(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
