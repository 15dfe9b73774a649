using Microsoft.Extensions.Options;
using NodaTime;
using Vidnova.Hosting;
using Vidnova.Ledger;
using Vidnova.Persistence;
using Vidnova.Staff;

namespace Vidnova.Demo;

/// <summary>
/// The demo, apart from the product: accounts, DSOs and staff to try Vidnova with, and the DSO, LiqPay and mono simulators
/// inside the host. Both are on in Development only (<c>Vidnova:SeedDemoData</c> defaults to on there, appsettings.Development.json
/// switches <c>Demo:DsoSimulator:Enabled</c> on); elsewhere only these two explicit switches bring them in, which is
/// how the tests run the demo in their own environment.
/// </summary>
public static class DemoModule
{
    public static IServiceCollection AddDemoModule(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.PostConfigure<VidnovaOptions>(o => o.SeedDemoData |= environment.IsDevelopment() && configuration["Vidnova:SeedDemoData"] is null);
        services.AddDemoDsoSimulator(configuration);
        services.AddDemoLiqPaySimulator(configuration);
        services.AddDemoMonoSimulator(configuration);
        return services;
    }

    public static WebApplication MapDemoModule(this WebApplication app) => app.MapDemoDsoSimulator().MapDemoLiqPaySimulator().MapDemoMonoSimulator();

    /// <summary>Seeds the demo data and points the demo DSOs at the simulator, when the demo data is switched on.</summary>
    public static async Task SeedAsync(IServiceProvider services, IConfiguration configuration, CancellationToken cancellationToken)
    {
        if (services.GetRequiredService<IOptions<VidnovaOptions>>().Value.SeedDemoData)
        {
            var db = services.GetRequiredService<VidnovaDbContext>();
            await DemoData.SeedAsync(db, services.GetRequiredService<ILedger>(), services.GetRequiredService<StaffPasswords>(), services.GetRequiredService<IClock>(), cancellationToken);
            await DemoDsoSimulator.ConnectDemoDsosAsync(db, configuration, cancellationToken);
        }
    }
}
