using Vidnova.Billing.Bills;
using Vidnova.Kernel;
using Vidnova.Ledger;

namespace Vidnova.RepaymentSchedules;

/// <summary>What a schedule is judged by: the bills issued after it was asked for (the debt it splits had the earlier ones) and the payments since.</summary>
internal sealed record ScheduleFacts(IReadOnlyList<CurrentBill> CurrentBills, Money PaidSinceStart);

/// <summary>Reads a schedule's facts from Billing (<see cref="IBills"/>) and the Ledger (<see cref="ILedger"/>).</summary>
internal sealed class ScheduleFigures(ILedger ledger, IBills bills)
{
    public async Task<ScheduleFacts> FactsOfAsync(RepaymentSchedule schedule, CancellationToken cancellationToken)
    {
        var paid = await ledger.PaymentsSinceAsync([schedule.AccountNumber], schedule.RequestedAt, cancellationToken);
        var issued = await bills.IssuedSinceAsync(schedule.AccountNumber, schedule.RequestedAt, cancellationToken);
        return new ScheduleFacts([.. issued.Select(b => new CurrentBill(b.Amount, b.DueDate))], paid.GetValueOrDefault(schedule.AccountNumber));
    }
}
