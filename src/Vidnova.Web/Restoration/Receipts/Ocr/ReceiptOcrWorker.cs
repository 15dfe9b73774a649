using Microsoft.EntityFrameworkCore;
using NodaTime;
using Vidnova.Persistence;

namespace Vidnova.Restoration.Receipts.Ocr;

/// <summary>
/// Recognises queued receipt photos and scans one at a time, so a burst of photos never competes with requests for
/// long. Each is claimed first, so several instances share the queue; a claim left by a crashed instance lapses.
/// </summary>
internal sealed class ReceiptOcrWorker(IServiceScopeFactory scopes, TesseractOcr ocr, IClock clock, ILogger<ReceiptOcrWorker> logger) : BackgroundService
{
    private static readonly Duration ClaimLease = Duration.FromMinutes(5);
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);

    private readonly string _owner = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await RecogniseNextAsync(stoppingToken))
                {
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "Receipt recognition failed; will retry on the next poll");
            }

            try
            {
                await Task.Delay(PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Recognises the oldest waiting receipt; false when none waits.</summary>
    public async Task<bool> RecogniseNextAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VidnovaDbContext>();
        var now = clock.GetCurrentInstant();
        var recognitions = db.Set<ReceiptRecognition>();
        var waiting = await recognitions.AsNoTracking()
            .Where(r => r.Status == RecognitionStatus.Pending && (r.ClaimedUntil == null || r.ClaimedUntil < now))
            .OrderBy(r => r.CreatedAt)
            .Select(r => (Guid?)r.ReceiptId)
            .FirstOrDefaultAsync(cancellationToken);
        if (waiting is not { } receiptId)
        {
            return false;
        }

        var claimed = await recognitions
            .Where(r => r.ReceiptId == receiptId && r.Status == RecognitionStatus.Pending && (r.ClaimedUntil == null || r.ClaimedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.ClaimedBy, _owner).SetProperty(r => r.ClaimedUntil, now + ClaimLease), cancellationToken);
        if (claimed == 0)
        {
            return true; // another instance took it; look for the next one
        }

        var recognition = await recognitions.SingleAsync(r => r.ReceiptId == receiptId, cancellationToken);
        var application = await db.Set<RestorationApplication>().SingleAsync(a => a.Id == recognition.ApplicationId, cancellationToken);
        var receipt = application.Receipts.Single(r => r.Id == receiptId);
        var file = await db.Set<ReceiptFile>().AsNoTracking().SingleAsync(f => f.ReceiptId == receiptId, cancellationToken);
        try
        {
            var text = await ocr.ReadAsync(receipt.ContentType, file.Content, cancellationToken);
            recognition.Recognised(text, clock.GetCurrentInstant());
            var reading = ReceiptAutoCheck.Assess(ReceiptFields.Parse(text), application.Invoice!, application.Number, autoApprove: false);
            application.RecordReceiptRecognition(receipt.FileName, Describe(reading), clock.GetCurrentInstant());
            logger.LogInformation("Recognised receipt {ReceiptId} of {Application}", receiptId, application.Number);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            recognition.Failed(exception.Message);
            logger.LogWarning(exception, "Could not recognise receipt {ReceiptId} (attempt {Attempts})", receiptId, recognition.Attempts);
        }

        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>What was read and how it compares with the invoice: for the operator's eyes only.</summary>
    private static string Describe(ReceiptAssessment reading) => ReceiptFields.Shorten(
        $"{reading.Fields!.Describe()}. "
        + "Збіги з рахунком: " + string.Join(" ", reading.Verification!.Checks.Select(c => (c.Passed ? "✓ " : "✗ ") + c.Explanation)),
        1800);
}
