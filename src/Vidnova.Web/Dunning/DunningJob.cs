using Microsoft.Extensions.Options;
using NodaTime;
using Vidnova.Shared;

namespace Vidnova.Dunning;

/// <summary>
/// Every instance runs a dunning pass every <c>Dunning:PollMinutes</c>: open cases are checked each time (a payment
/// stops a case, or cancels its order, within minutes); new cases and warnings only from <c>Dunning:RunAtHour</c>
/// (Kyiv), so they go out in the daytime. The passes are safe on several instances at once (see <see cref="DunningRun"/>).
/// </summary>
internal sealed class DunningJob(IServiceScopeFactory scopes, IClock clock, IOptionsMonitor<DunningOptions> settings, ILogger<DunningJob> logger)
    : PeriodicWork(logger)
{
    protected override TimeSpan Interval => TimeSpan.FromMinutes(Math.Max(1, settings.CurrentValue.PollMinutes));

    protected override bool Enabled => settings.CurrentValue.Enabled;

    protected override string Work => "Dunning overdue debts";

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DunningRun>()
            .RunAsync(DunningRules.IsDailyWorkDue(clock.GetCurrentInstant(), settings.CurrentValue), cancellationToken);
    }
}
