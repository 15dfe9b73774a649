using Microsoft.EntityFrameworkCore;
using Vidnova.Kernel;
using Vidnova.Persistence;

namespace Vidnova.Dso.WorkOrders;

/// <summary>Reads of work orders for the DSO's API and the staff pages; read-only, nothing is tracked.</summary>
internal sealed class WorkOrderQueries(VidnovaDbContext db)
{
    /// <summary>The orders of <paramref name="dso"/>, optionally of one kind and status, the oldest first.</summary>
    public async Task<IReadOnlyList<WorkOrder>> OfDsoAsync(DsoCode dso, WorkOrderKind? kind, WorkOrderStatus? status, CancellationToken cancellationToken)
    {
        var query = db.Set<WorkOrder>().AsNoTracking().Where(o => o.DsoCode == dso);
        if (kind is { } wantedKind)
        {
            query = query.Where(o => o.Kind == wantedKind);
        }

        if (status is { } wantedStatus)
        {
            query = query.Where(o => o.Status == wantedStatus);
        }

        return await query.OrderBy(o => o.CreatedAt).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The orders of <paramref name="kind"/> in one of <paramref name="statuses"/>, of one DSO or of all, for the staff
    /// pages to count, order and page in SQL.
    /// </summary>
    public IQueryable<WorkOrder> ForStaff(WorkOrderKind kind, DsoCode? dso, IReadOnlyCollection<WorkOrderStatus> statuses)
    {
        var wanted = statuses.ToArray();
        var query = db.Set<WorkOrder>().AsNoTracking().Where(o => o.Kind == kind && wanted.Contains(o.Status));
        if (dso is { } code)
        {
            query = query.Where(o => o.DsoCode == code);
        }

        return query;
    }

    /// <summary>The orders with these ids (for pages that show deliveries by order), by id.</summary>
    public async Task<IReadOnlyDictionary<Guid, WorkOrder>> ByIdsAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken) =>
        await db.Set<WorkOrder>().AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, cancellationToken);
}
