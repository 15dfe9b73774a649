using Microsoft.EntityFrameworkCore;
using Vidnova.Notifications;
using Vidnova.Persistence;

namespace Vidnova.Restoration;

/// <summary>
/// An application's number by its id, for capabilities that hold the id as a correlation (the mail a customer was
/// sent about it) and show the number, without reading the application itself.
/// </summary>
internal sealed class ApplicationNumbers(VidnovaDbContext db) : ICorrelationNames
{
    public Task<string?> NameOfAsync(Guid applicationId, CancellationToken ct) =>
        db.Set<RestorationApplication>().AsNoTracking()
            .Where(a => a.Id == applicationId)
            .Select(a => a.Number)
            .SingleOrDefaultAsync(ct);
}
