using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Vidnova.Persistence;
using Vidnova.Shared;

namespace Vidnova.Payments.Online;

/// <summary>Claims pending online payments due for a status query (see <see cref="LeaseClaims"/>).</summary>
internal sealed class OnlinePaymentClaims(VidnovaDbContext db) : LeaseClaims(db, "online_payments", "\"Status\" = 'Pending'");

/// <summary>
/// Asks the provider's status API about orders left pending longer than <see cref="OnlinePaymentOptions.PendingPollMinutes"/>:
/// a callback can be lost, and a payment the customer made must not wait for it. Each order is claimed with a
/// lease, so several instances never ask about the same one; the answer goes through <see cref="ApplyProviderReport"/>
/// like a callback's, and the same status twice changes nothing.
/// </summary>
internal sealed class PendingPaymentPoller(IServiceScopeFactory scopes, IClock clock, IOptionsMonitor<OnlinePaymentOptions> options,
    ILogger<PendingPaymentPoller> logger) : PeriodicWork(logger)
{
    private const int BatchSize = 20;
    private static readonly Duration Lease = Duration.FromMinutes(2);
    private readonly string _owner = $"{Environment.MachineName}:{Guid.NewGuid():N}"[..^16];

    protected override bool Enabled => options.CurrentValue.PollerEnabled;

    protected override TimeSpan Interval => TimeSpan.FromSeconds(options.CurrentValue.PollSeconds);

    protected override string Work => "Polling pending online payments";

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => PollDueAsync(cancellationToken);

    /// <summary>Asks about every due order once; returns how many it asked about.</summary>
    public async Task<int> PollDueAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<Guid> claimed;
        await using (var scope = scopes.CreateAsyncScope())
        {
            claimed = await new OnlinePaymentClaims(scope.ServiceProvider.GetRequiredService<VidnovaDbContext>())
                .ClaimDueAsync(_owner, clock.GetCurrentInstant(), Lease, BatchSize, cancellationToken);
        }

        foreach (var id in claimed)
        {
            try
            {
                await PollAsync(id, cancellationToken);
            }
            catch (Exception exception) when (exception is HttpRequestException or TimeoutException or Polly.Timeout.TimeoutRejectedException)
            {
                // The claim lapses after its lease and the order is asked about again.
                logger.LogWarning(exception, "Could not ask about online payment {OrderId}; will ask again", id);
            }
        }

        return claimed.Count;
    }

    private async Task PollAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<VidnovaDbContext>();
        var apply = services.GetRequiredService<ApplyProviderReport>();
        var payment = await db.Set<OnlinePayment>().AsNoTracking().SingleAsync(p => p.Id == id, cancellationToken);
        var provider = services.GetServices<IOnlinePaymentProvider>().Single(p => p.Name == payment.Provider);

        if (await provider.QueryStatusAsync(payment.OrderId, payment.ProviderPaymentId, cancellationToken) is { } report && report.OrderId == payment.OrderId)
        {
            await apply.HandleAsync(provider.Name, report, "status_api", cancellationToken);
        }

        var settings = options.CurrentValue;
        var now = clock.GetCurrentInstant();
        if (now - payment.CreatedAt >= Duration.FromHours(settings.ExpireAfterHours))
        {
            // Still pending after that long: the customer left the checkout. Failed is not final: a success still posts.
            await apply.HandleAsync(provider.Name, new ProviderReport(payment.OrderId, "expired", ReportedOutcome.Failed, null, null, null, now),
                "poller", cancellationToken);
        }

        await db.RetryOnLostRaceAsync(async () =>
        {
            db.ChangeTracker.Clear();
            var current = await db.Set<OnlinePayment>().SingleAsync(p => p.Id == id, cancellationToken);
            if (current.Status == OnlinePaymentStatus.Pending)
            {
                current.PollAgainAt(now + Duration.FromMinutes(settings.PendingPollMinutes), now);
                await db.SaveChangesAsync(cancellationToken);
            }

            return true;
        });
    }
}
