using Microsoft.EntityFrameworkCore;
using Vidnova.Dso.WorkOrders;
using Vidnova.Persistence;

namespace Vidnova.Dunning;

/// <summary>
/// What the DSO did with a disconnection order, applied to the case that asked for it in the unit of work that changed
/// the order: done (the account's supply state follows in Accounts) or refused. A cancellation is the case's own doing.
/// </summary>
internal sealed class DunningWorkOrderObserver(VidnovaDbContext db) : IWorkOrderObserver
{
    public async Task OnWorkOrderChangedAsync(WorkOrderChanged change, CancellationToken cancellationToken)
    {
        if (change.Kind != WorkOrderKind.Disconnection || change.Status is not (WorkOrderStatus.Completed or WorkOrderStatus.Rejected))
        {
            return;
        }

        var dunningCase = await db.Set<DunningCase>().SingleOrDefaultAsync(c => c.Id == change.RequesterReference, cancellationToken);
        if (dunningCase is not { State: DunningState.DisconnectionOrdered })
        {
            return;
        }

        if (change.Status == WorkOrderStatus.Completed)
        {
            dunningCase.DsoDisconnected(change.OccurredAt, change.Actor);
        }
        else
        {
            dunningCase.DsoRejected(change.OccurredAt, change.Reason, change.Actor);
        }
    }
}
