using Microsoft.EntityFrameworkCore;
using NodaTime;
using Vidnova.Persistence;
using Vidnova.Problems;

namespace Vidnova.Dso;

internal enum RetryOutcome
{
    /// <summary>The dead letter is back in the queue with a fresh set of attempts.</summary>
    Requeued,

    /// <summary>Nothing to do: it was not dead-lettered (someone retried it already, or it was delivered).</summary>
    NotDeadLettered,
}

/// <summary>
/// A supervisor puts a dead-lettered DSO delivery back in the queue, typically after the DSO fixed its endpoint.
/// Idempotent: a second retry (or a double click) finds it queued and changes nothing. Audited in the log and,
/// through the work order's observers, in the requester's own trail (a restoration application's timeline).
/// </summary>
internal sealed class RetryDsoDelivery(VidnovaDbContext db, IClock clock, WorkOrders.WorkOrders workOrders, DsoDeliverySignal signal, ILogger<RetryDsoDelivery> logger)
{
    public async Task<RetryOutcome> HandleAsync(Guid deliveryId, string actor, CancellationToken cancellationToken)
    {
        var delivery = await db.Set<DsoDelivery>().SingleOrDefaultAsync(d => d.Id == deliveryId, cancellationToken)
            ?? throw new NotFoundException("dso_delivery_not_found", "Доставку {0} до ОСР не знайдено.", deliveryId);
        var failedAttempts = delivery.Attempts;
        var lastError = delivery.LastError;
        var now = clock.GetCurrentInstant();
        if (!delivery.Retry(actor, now))
        {
            return RetryOutcome.NotDeadLettered;
        }

        await workOrders.DeliveryRetriedAsync(delivery.WorkOrderId, actor, delivery.EventType, failedAttempts, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException race) when (race.IsLostRace())
        {
            db.ChangeTracker.Clear();
            if (await db.Set<DsoDelivery>().AnyAsync(d => d.Id == deliveryId && d.DeadLetteredAt == null, cancellationToken))
            {
                // Someone else retried it a moment ago: the queue has it.
                return RetryOutcome.NotDeadLettered;
            }

            throw new BusinessRuleException("concurrent_change", "Заяву щойно змінили. Оновіть сторінку й повторіть.");
        }

        logger.LogWarning("{Actor} put dead-lettered DSO delivery {IdempotencyKey} to {Dso} back in the queue after {Attempts} attempts (last error: {Error})",
            actor, delivery.IdempotencyKey, delivery.DsoCode, failedAttempts, lastError);
        signal.Notify();
        return RetryOutcome.Requeued;
    }
}
