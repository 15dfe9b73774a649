using Microsoft.EntityFrameworkCore;
using Vidnova.Kernel;
using Vidnova.Persistence;

namespace Vidnova.Dso;

/// <summary>What other capabilities may ask about the registered DSOs without reading the DSO register itself.</summary>
public interface IDsoDirectory
{
    Task<bool> IsRegisteredAsync(DsoCode code, CancellationToken cancellationToken);

    /// <summary>Where a customer pays the DSO for restoration and how much, or null when no such DSO is registered.</summary>
    Task<DsoRequisites?> FindRequisitesAsync(DsoCode code, CancellationToken cancellationToken);

    /// <summary>Every registered DSO, by code, for other capabilities' filters and uploads; the order is the caller's.</summary>
    Task<IReadOnlyList<DsoOption>> ListAsync(CancellationToken cancellationToken);

    Task<string?> NameOfAsync(DsoCode code, CancellationToken cancellationToken);
}

/// <summary>A registered DSO as other capabilities' pages show it: its code and name.</summary>
public sealed record DsoOption(DsoCode Code, string Name);

/// <summary>A DSO's payment requisites and the price of its standard restoration, as an invoice shows them.</summary>
public sealed record DsoRequisites(DsoCode Code, string Name, Edrpou Edrpou, Iban Iban, Money DefaultRestorationPrice);

internal sealed class DsoDirectory(VidnovaDbContext db) : IDsoDirectory
{
    public Task<bool> IsRegisteredAsync(DsoCode code, CancellationToken cancellationToken) =>
        db.Set<DistributionOperator>().AnyAsync(d => d.Code == code, cancellationToken);

    public async Task<DsoRequisites?> FindRequisitesAsync(DsoCode code, CancellationToken cancellationToken) =>
        await db.Set<DistributionOperator>().AsNoTracking().SingleOrDefaultAsync(d => d.Code == code, cancellationToken) is { } dso
            ? new DsoRequisites(dso.Code, dso.Name, dso.Edrpou, dso.Iban, dso.DefaultRestorationPrice)
            : null;

    public async Task<IReadOnlyList<DsoOption>> ListAsync(CancellationToken cancellationToken) =>
        await db.Set<DistributionOperator>().AsNoTracking().Select(d => new DsoOption(d.Code, d.Name)).ToListAsync(cancellationToken);

    public Task<string?> NameOfAsync(DsoCode code, CancellationToken cancellationToken) =>
        db.Set<DistributionOperator>().AsNoTracking().Where(d => d.Code == code).Select(d => d.Name).SingleOrDefaultAsync(cancellationToken);
}
