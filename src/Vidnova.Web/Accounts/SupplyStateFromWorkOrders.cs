using Microsoft.EntityFrameworkCore;
using Vidnova.Dso.WorkOrders;
using Vidnova.Persistence;

namespace Vidnova.Accounts;

/// <summary>
/// Moves an account's supply state along the DSO's work orders on its metering point, inside the unit of work that
/// changed the order: the DSO's report and the account's state commit together. The account's version guards it,
/// so a staff correction saved in between makes the report's unit of work run again on the corrected state.
/// </summary>
internal sealed class SupplyStateFromWorkOrders(VidnovaDbContext db) : IWorkOrderObserver
{
    public async Task OnWorkOrderChangedAsync(WorkOrderChanged change, CancellationToken cancellationToken)
    {
        var account = await db.Set<PersonalAccount>().SingleOrDefaultAsync(a => a.Number == change.AccountNumber, cancellationToken);
        account?.FollowWorkOrder(change.Kind, change.Status);
    }
}
