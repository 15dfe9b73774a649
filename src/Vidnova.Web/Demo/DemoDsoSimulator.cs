using Microsoft.EntityFrameworkCore;
using Vidnova.Dso;
using Vidnova.Kernel;
using Vidnova.Persistence;

namespace Vidnova.Demo;

/// <summary>
/// The DSO simulator inside the host, for the demo (<c>Demo:DsoSimulator:Enabled</c>, on in Development): it answers
/// at <see cref="WebhookPath"/> and the demo DSOs' channel is a webhook to it, so an approved application goes out as
/// a signed webhook over HTTP and comes back as signed callbacks to the real callback endpoint, exactly as with a
/// real DSO, and completes by itself after the configured delays.
/// </summary>
public static class DemoDsoSimulator
{
    public const string Section = "Demo:DsoSimulator";
    public const string WebhookPath = "/demo/dso-simulator/webhook";

    private static readonly string[] DemoDsos = ["kyiv-city", "kyiv-region"];

    public static bool IsEnabled(IConfiguration configuration) => configuration.GetValue<bool>($"{Section}:Enabled");

    public static IServiceCollection AddDemoDsoSimulator(this IServiceCollection services, IConfiguration configuration)
    {
        if (IsEnabled(configuration))
        {
            services.Configure<SimulatorOptions>(configuration.GetSection(Section));
            // Callbacks go to this host unless told otherwise.
            services.PostConfigure<SimulatorOptions>(o => o.VidnovaBaseUrl = configuration[$"{Section}:VidnovaBaseUrl"]
                ?? configuration["Vidnova:PublicBaseUrl"] ?? o.VidnovaBaseUrl);
            services.AddSingleton<SimulatedDso>();
            services.AddHttpClient(SimulatedDso.CallbackClient);
        }

        return services;
    }

    public static WebApplication MapDemoDsoSimulator(this WebApplication app)
    {
        if (!IsEnabled(app.Configuration))
        {
            return app;
        }

        if (!app.Environment.IsDevelopment())
        {
            app.Logger.LogWarning("The demo DSO simulator is switched on outside Development ({Section}:Enabled)", Section);
        }

        app.MapPost(WebhookPath, async (HttpRequest request, SimulatedDso dso, CancellationToken cancellationToken) =>
            {
                using var buffer = new MemoryStream();
                await request.Body.CopyToAsync(buffer, cancellationToken);
                var status = await dso.ReceiveAsync(request.Headers[WebhookSignature.IdempotencyKeyHeader].ToString(),
                    request.Headers[WebhookSignature.TimestampHeader].ToString(), request.Headers[WebhookSignature.SignatureHeader].ToString(),
                    buffer.ToArray(), cancellationToken);
                return Results.StatusCode(status);
            })
            .AllowAnonymous()
            .ExcludeFromDescription();
        app.MapGet("/demo/dso-simulator/stats", (SimulatedDso dso) => Results.Ok(dso.Stats())).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// Points the demo DSOs that still pull at the simulator; when the simulator is off, demo DSOs pointed at it go
    /// back to pull, so nothing is queued for an address that does not answer.
    /// </summary>
    public static async Task ConnectDemoDsosAsync(VidnovaDbContext db, IConfiguration configuration, CancellationToken cancellationToken)
    {
        var baseUrl = configuration[$"{Section}:WebhookBaseUrl"] ?? configuration["Vidnova:PublicBaseUrl"] ?? "http://localhost:5080";
        var url = new Uri(new Uri(baseUrl), WebhookPath);
        var secret = configuration.GetSection(Section).Get<SimulatorOptions>()?.Secret ?? new SimulatorOptions().Secret;
        var codes = DemoDsos.Select(DsoCode.Parse).ToList();
        var dsos = await db.Set<DistributionOperator>().Where(d => codes.Contains(d.Code)).ToListAsync(cancellationToken);
        foreach (var dso in dsos)
        {
            if (IsEnabled(configuration) && dso.ChannelType == DsoChannelType.Pull)
            {
                dso.UseWebhook(url, secret);
            }
            else if (!IsEnabled(configuration) && dso.WebhookUrl == url.AbsoluteUri)
            {
                dso.UsePull();
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
