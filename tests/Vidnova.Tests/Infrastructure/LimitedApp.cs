using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Vidnova.Persistence;

namespace Vidnova.Tests.Infrastructure;

/// <summary>
/// The host with tight abuse limits and one trusted proxy (<see cref="Proxy"/>). TestServer has no TCP peer, so the
/// peer's address is taken from <see cref="PeerHeader"/> before anything else runs (a fresh address per request
/// when the header is absent, so the scenario helpers do not share one budget).
/// </summary>
public class LimitedApp : VidnovaApp
{
    public const string PeerHeader = "X-Test-Peer";
    public const string Proxy = "10.0.0.1";
    public const int ApplicationsPerAddress = 3;
    public const int ApplicationsPerAccount = 2;
    public const int ConfirmationEmailsPerApplication = 3;
    public const int SignInsPerAddress = 70;
    public const int CustomerSignInsPerAddress = 4;
    public const int InboundEmailsPerKey = 2;
    public const int ReceiptsPerApplication = 2;
    public const int ReceiptsPerAddress = 3;

    protected LimitedApp(DatabaseProvider provider)
        : base(provider)
    {
        Settings = new Dictionary<string, string?>
        {
            ["RateLimits:Applications:PerAddressPerHour"] = $"{ApplicationsPerAddress}",
            ["RateLimits:Applications:PerAccountPerDay"] = $"{ApplicationsPerAccount}",
            ["RateLimits:ConfirmationEmails:PerApplicationPerHour"] = $"{ConfirmationEmailsPerApplication}",
            ["RateLimits:StaffSignIn:PerAddressPerHour"] = $"{SignInsPerAddress}",
            ["RateLimits:CustomerSignIn:PerAddressPerHour"] = $"{CustomerSignInsPerAddress}",
            ["RateLimits:InboundEmails:PerKeyPerMinute"] = $"{InboundEmailsPerKey}",
            ["RateLimits:Receipts:PerApplicationPerHour"] = $"{ReceiptsPerApplication}",
            ["RateLimits:Receipts:PerAddressPerHour"] = $"{ReceiptsPerAddress}",
            ["Vidnova:ForwardedHeaders:KnownProxies:0"] = Proxy,
        };
    }

    /// <summary>A client whose requests arrive from <paramref name="peer"/>.</summary>
    public HttpClient From(string peer, bool handleCookies = false)
    {
        var client = CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            HandleCookies = handleCookies,
        });
        client.DefaultRequestHeaders.Add(PeerHeader, peer);
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, PeerFromHeader>());
    }

    private sealed class PeerFromHeader : IStartupFilter
    {
        private static int _next;

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = context.Request.Headers.TryGetValue(PeerHeader, out var peer)
                    ? IPAddress.Parse(peer.ToString())
                    : new IPAddress([192, 0, 2, (byte)(Interlocked.Increment(ref _next) % 250)]);
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

public sealed class LimitedSqliteApp() : LimitedApp(DatabaseProvider.Sqlite);

public sealed class LimitedPostgresApp() : LimitedApp(DatabaseProvider.Postgres);
