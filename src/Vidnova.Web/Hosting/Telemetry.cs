using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Vidnova.Calendar;
using Vidnova.Notifications;
using Vidnova.Persistence;
using Vidnova.Restoration;

namespace Vidnova.Hosting;

public static class Telemetry
{
    public const string ServiceName = "vidnova";
    public const string MeterName = "Vidnova";

    /// <summary>
    /// Traces and metrics for requests, outgoing HTTP, PostgreSQL and the runtime, plus Vidnova's own gauges.
    /// Exported over OTLP only when <c>OpenTelemetry:OtlpEndpoint</c> is set.
    /// </summary>
    public static IServiceCollection AddVidnovaTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<OperationalGauges>();
        services.AddHostedService(sp => sp.GetRequiredService<OperationalGauges>());
        var builder = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName, serviceInstanceId: Environment.MachineName))
            .WithMetrics(metrics => metrics.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddRuntimeInstrumentation().AddMeter(MeterName));
        if (configuration["OpenTelemetry:OtlpEndpoint"] is { Length: > 0 } endpoint)
        {
            // Spans only where they go somewhere: recorded with no exporter, a request's and its commands' spans were
            // built and dropped on every request (one of the status read's changes in docs/performance.md).
            builder.WithTracing(tracing => tracing.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddNpgsql());
            builder.UseOtlpExporter(OpenTelemetry.Exporter.OtlpExportProtocol.Grpc, new Uri(endpoint));
        }

        return services;
    }
}

/// <summary>
/// Queue lengths and SLA counts for dashboards and alerts: outgoing mail waiting, receipts waiting for an operator,
/// requests open at DSOs and those past their deadline. Counted every 30 seconds, not on every scrape.
/// </summary>
public sealed class OperationalGauges : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    private readonly IServiceScopeFactory _scopes;
    private readonly IClock _clock;
    private readonly ILogger<OperationalGauges> _logger;
    private readonly Meter _meter = new(Telemetry.MeterName);
    private Snapshot _latest = new(0, 0, 0, 0);

    public OperationalGauges(IServiceScopeFactory scopes, IClock clock, ILogger<OperationalGauges> logger)
    {
        _scopes = scopes;
        _clock = clock;
        _logger = logger;
        _meter.CreateObservableGauge("vidnova.outbox.pending", () => _latest.OutboxPending, "{message}", "Emails waiting to be sent");
        _meter.CreateObservableGauge("vidnova.receipts.under_review", () => _latest.ReceiptsUnderReview, "{application}", "Receipts waiting for an operator");
        _meter.CreateObservableGauge("vidnova.dso_requests.open", () => _latest.DsoRequestsOpen, "{request}", "Restoration requests not yet completed by the DSO");
        _meter.CreateObservableGauge("vidnova.dso_requests.overdue", () => _latest.DsoRequestsOverdue, "{request}", "Restoration requests past their deadline (КСР 11.5.23)");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                _latest = await CountAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                _logger.LogWarning(exception, "Could not count operational gauges");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public override void Dispose()
    {
        _meter.Dispose();
        base.Dispose();
    }

    private async Task<Snapshot> CountAsync(CancellationToken cancellationToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VidnovaDbContext>();
        var today = KyivTime.DateOf(_clock.GetCurrentInstant());
        var applications = db.Set<RestorationApplication>().AsNoTracking();
        return new Snapshot(
            await scope.ServiceProvider.GetRequiredService<INotificationOutbox>().CountUnsentAsync(cancellationToken),
            await applications.CountAsync(a => a.Status == ApplicationStatus.ReceiptUnderReview, cancellationToken),
            await applications.CountAsync(a => a.Status == ApplicationStatus.SentToDso || a.Status == ApplicationStatus.InProgressAtDso, cancellationToken),
            await applications.CountAsync(a => a.Status == ApplicationStatus.InProgressAtDso && a.DsoRequest!.Deadline < today, cancellationToken));
    }

    private sealed record Snapshot(int OutboxPending, int ReceiptsUnderReview, int DsoRequestsOpen, int DsoRequestsOverdue);
}
