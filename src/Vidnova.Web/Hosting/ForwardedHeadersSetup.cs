using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Vidnova.Hosting;

/// <summary>
/// Behind the TLS proxy (docs/deploy.md) the client's address and scheme arrive in X-Forwarded-For and
/// X-Forwarded-Proto. They are believed only from the proxies configured in <c>Vidnova:ForwardedHeaders</c>
/// (loopback when none is configured, i.e. nginx on the same machine): anyone else could name any address and so
/// escape every per-address limit. With the scheme restored, cookies are marked Secure and HSTS is sent.
/// </summary>
public static class ForwardedHeadersSetup
{
    public const string Section = "Vidnova:ForwardedHeaders";

    public static IServiceCollection AddTrustedProxies(this IServiceCollection services, IConfiguration configuration)
    {
        var proxies = configuration.GetSection($"{Section}:KnownProxies").Get<string[]>() ?? [];
        var networks = configuration.GetSection($"{Section}:KnownNetworks").Get<string[]>() ?? [];
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Walk X-Forwarded-For from the right while each hop is a trusted proxy: a chain of our own proxies
            // works, and the first untrusted hop is the client (whatever it wrote further left is ignored).
            options.ForwardLimit = null;
            if (proxies.Length > 0 || networks.Length > 0)
            {
                options.KnownProxies.Clear();
                options.KnownIPNetworks.Clear();
                foreach (var proxy in proxies)
                {
                    options.KnownProxies.Add(IPAddress.Parse(proxy));
                }

                foreach (var network in networks)
                {
                    options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
                }
            }
        });
        return services;
    }
}
