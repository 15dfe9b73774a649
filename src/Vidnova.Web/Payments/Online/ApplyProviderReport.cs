using Microsoft.EntityFrameworkCore;
using NodaTime;
using Vidnova.Ledger;
using Vidnova.Notifications;
using Vidnova.Persistence;

namespace Vidnova.Payments.Online;

internal enum ReportResult
{
    /// <summary>No order of ours has this id.</summary>
    UnknownOrder,

    /// <summary>This status of this order was recorded before: nothing changed.</summary>
    Repeat,

    /// <summary>Recorded, whether or not it moved the order.</summary>
    Recorded,
}

/// <summary>
/// Applies what a provider said about an order, exactly once per order and status word: the audit row
/// (<see cref="OnlinePaymentEvent"/>, unique per order and status) is written in the same transaction as the order's
/// new status, its ledger entry and the customer's email, so of concurrent copies one commits and the rest, losing
/// the race on that key or the order's version, run again and find it recorded.
/// </summary>
internal sealed class ApplyProviderReport(VidnovaDbContext db, ILedger ledger, INotificationOutbox notifications, OutboxSignal outbox,
    OnlinePaymentEmails emails, RestorationAfterPayment restoration, IClock clock, ILogger<ApplyProviderReport> logger)
{
    public async Task<ReportResult> HandleAsync(string provider, ProviderReport report, string source, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(report.OrderId, out var id))
        {
            logger.LogWarning("{Provider} reported {Status} for order {OrderId}, which is not ours", provider, report.Status, report.OrderId);
            return ReportResult.UnknownOrder;
        }

        var result = await db.RetryOnLostRaceAsync(async () =>
        {
            var payment = await db.Set<OnlinePayment>().SingleOrDefaultAsync(p => p.Id == id && p.Provider == provider, cancellationToken);
            if (payment is null)
            {
                logger.LogWarning("{Provider} reported {Status} for order {OrderId}, which is not ours", provider, report.Status, report.OrderId);
                return ReportResult.UnknownOrder;
            }

            if (await db.Set<OnlinePaymentEvent>().AnyAsync(e => e.PaymentId == id && e.ProviderStatus == report.Status, cancellationToken))
            {
                return ReportResult.Repeat;
            }

            var now = clock.GetCurrentInstant();
            var mismatch = report.Outcome == ReportedOutcome.Paid && (report.Amount != payment.Amount || report.Currency != "UAH")
                ? $"{provider} reported {report.Amount?.Amount} {report.Currency} for an order of {payment.Amount.Amount} UAH; not posted"
                : null;
            // A provider that dates its statuses may deliver them out of order: one set before the newest applied is history.
            var stale = payment.IsOlderThanLastStatus(report.StatusAt)
                ? $"{provider} set {report.Status} at {report.StatusAt}, before the status applied last ({payment.ProviderStatusAt}); changes nothing"
                : null;
            var change = mismatch is null && stale is null ? payment.Apply(report.Outcome, report.Status, report.ProviderPaymentId, now) : OnlinePaymentChange.None;
            if (stale is null)
            {
                payment.SawStatusAt(report.StatusAt, now);
            }

            db.Add(OnlinePaymentEvent.Reported(payment, report.Status, source, change, mismatch ?? stale, now));
            await BookAsync(payment, change, report, now, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            if (mismatch is not null)
            {
                logger.LogError("Online payment {OrderId}: {Mismatch}", payment.OrderId, mismatch);
            }
            else if (change != OnlinePaymentChange.None)
            {
                logger.LogInformation("Online payment {OrderId} of {Account}: {Status} ({Change}, by {Source})",
                    payment.OrderId, payment.AccountNumber, report.Status, change, source);
            }

            return ReportResult.Recorded;
        });
        outbox.Notify();
        return result;
    }

    private async Task BookAsync(OnlinePayment payment, OnlinePaymentChange change, ProviderReport report, Instant now, CancellationToken cancellationToken)
    {
        switch (change)
        {
            case OnlinePaymentChange.Posted:
                // The provider's moment of payment, unless its clock runs ahead of ours.
                var paidAt = report.At is { } at && at <= now ? at : now;
                var posting = await ledger.RecordPaymentAsync(payment.AccountNumber, payment.Amount, paidAt, payment.Provider, payment.OrderId, cancellationToken);
                Enqueue(emails.Posted(payment, posting.BalanceAfter,
                    await restoration.OpensAsync(payment.AccountNumber, posting.BalanceAfter, cancellationToken), now));
                break;
            case OnlinePaymentChange.Reversed:
                var balance = await ledger.RecordReversalAsync(payment.AccountNumber, payment.Amount, now, payment.Provider, $"{payment.OrderId}/reversed", cancellationToken);
                Enqueue(emails.Reversed(payment, balance, now));
                logger.LogWarning("Online payment {OrderId} of {Account} was reversed by {Provider}: {Amount} is owed again",
                    payment.OrderId, payment.AccountNumber, payment.Provider, payment.Amount);
                break;
        }
    }

    private void Enqueue(Notification? notification)
    {
        if (notification is not null)
        {
            notifications.Enqueue(notification);
        }
    }
}
