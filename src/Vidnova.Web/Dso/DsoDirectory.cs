using Microsoft.EntityFrameworkCore;
using Vidnova.Kernel;
using Vidnova.Persistence;

namespace Vidnova.Dso;

/// <summary>A registered DSO as other capabilities' pages show it: its code and name.</summary>
public sealed record DsoOption(DsoCode Code, string Name);

/// <summary>
/// The DSO register as other capabilities read it (their filters and uploads name a DSO), so that they never query
/// the <see cref="DistributionOperator"/> entity themselves.
/// </summary>
public sealed class DsoDirectory(VidnovaDbContext db)
{
    /// <summary>Every registered DSO, by code; the order the filters list them in is the caller's.</summary>
    public async Task<IReadOnlyList<DsoOption>> ListAsync(CancellationToken ct) =>
        await db.Set<DistributionOperator>().AsNoTracking().Select(d => new DsoOption(d.Code, d.Name)).ToListAsync(ct);

    public Task<bool> ExistsAsync(DsoCode code, CancellationToken ct) =>
        db.Set<DistributionOperator>().AnyAsync(d => d.Code == code, ct);

    public Task<string?> NameOfAsync(DsoCode code, CancellationToken ct) =>
        db.Set<DistributionOperator>().AsNoTracking().Where(d => d.Code == code).Select(d => d.Name).SingleOrDefaultAsync(ct);
}
