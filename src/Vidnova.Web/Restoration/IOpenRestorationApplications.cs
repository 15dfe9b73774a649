using Microsoft.EntityFrameworkCore;
using Vidnova.Kernel;
using Vidnova.Persistence;

namespace Vidnova.Restoration;

/// <summary>An account's open restoration application, as another capability (the cabinet) shows it.</summary>
public sealed record OpenRestorationApplication(Guid Id, string Number, ApplicationStatus Status);

/// <summary>Which accounts have an open restoration application: the published read for the cabinet's account cards.</summary>
public interface IOpenRestorationApplications
{
    /// <summary>The open application of each of the accounts that has one (an account has at most one).</summary>
    Task<IReadOnlyDictionary<AccountNumber, OpenRestorationApplication>> OfAsync(IReadOnlyCollection<AccountNumber> accounts, CancellationToken cancellationToken);
}

internal sealed class OpenRestorationApplications(VidnovaDbContext db) : IOpenRestorationApplications
{
    public async Task<IReadOnlyDictionary<AccountNumber, OpenRestorationApplication>> OfAsync(
        IReadOnlyCollection<AccountNumber> accounts, CancellationToken cancellationToken)
    {
        var open = await db.Set<RestorationApplication>().AsNoTracking()
            .Where(a => accounts.Contains(a.AccountNumber))
            .Where(a => a.Status != ApplicationStatus.Restored && a.Status != ApplicationStatus.RejectedByDso && a.Status != ApplicationStatus.Cancelled)
            .Select(a => new { a.AccountNumber, a.Id, a.Number, a.Status, a.SubmittedAt })
            .ToListAsync(cancellationToken);
        return open.GroupBy(a => a.AccountNumber)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(a => a.SubmittedAt).Select(a => new OpenRestorationApplication(a.Id, a.Number, a.Status)).First());
    }
}
