using Microsoft.EntityFrameworkCore;
using NodaTime;
using Vidnova.Customers;
using Vidnova.Kernel;
using Vidnova.Persistence;
using Vidnova.Problems;

namespace Vidnova.Restoration.Cabinet;

/// <summary>One line of the personal account's list of applications.</summary>
internal sealed record CabinetApplicationItem(Guid Id, string Number, string AccountNumber, string Status, Instant CreatedAt);

/// <summary>
/// The applications a customer login sees: those of every account linked to it, whoever filed them and however
/// (the old way by email too), so linking an account brings its history into the cabinet. Anything else is a 404.
/// </summary>
internal sealed class CabinetApplications(VidnovaDbContext db, ICustomerAccounts customerAccounts)
{
    public async Task<IReadOnlyList<CabinetApplicationItem>> ListAsync(Guid loginId, CancellationToken cancellationToken)
    {
        var linked = await customerAccounts.LinkedToAsync(loginId, cancellationToken);
        if (linked.Count == 0)
        {
            return [];
        }

        var rows = await db.Set<RestorationApplication>().AsNoTracking()
            .Where(a => linked.Contains(a.AccountNumber))
            .OrderByDescending(a => a.SubmittedAt).ThenByDescending(a => a.Number)
            .Select(a => new { a.Id, a.Number, a.AccountNumber, a.Status, a.SubmittedAt })
            .ToListAsync(cancellationToken);
        return rows.Select(a => new CabinetApplicationItem(a.Id, a.Number, a.AccountNumber.Value, a.Status.ToApiName(), a.SubmittedAt)).ToList();
    }

    /// <summary>The application if its account is linked to the login; the same 404 as a missing one otherwise, so ids cannot be probed.</summary>
    public async Task<RestorationApplication> FindAsync(Guid loginId, Guid id, CancellationToken cancellationToken) =>
        await TryFindAsync(loginId, id, cancellationToken)
        ?? throw new NotFoundException("application_not_found", "Заяву не знайдено серед заяв рахунків вашого кабінету.");

    public async Task<RestorationApplication?> TryFindAsync(Guid loginId, Guid id, CancellationToken cancellationToken)
    {
        var application = await db.Set<RestorationApplication>().SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        return application is not null && await customerAccounts.IsLinkedAsync(loginId, application.AccountNumber, cancellationToken)
            ? application
            : null;
    }

    /// <summary>The account of a cabinet route, if it is linked to the login; a 404 for a malformed, unknown or someone else's one alike.</summary>
    public static async Task<AccountNumber> LinkedAccountAsync(ICustomerAccounts customerAccounts, Guid loginId, string number, CancellationToken cancellationToken) =>
        AccountNumber.TryParse(number, out var accountNumber) && await customerAccounts.IsLinkedAsync(loginId, accountNumber!.Value, cancellationToken)
            ? accountNumber.Value
            : throw AccountNotFound();

    public static NotFoundException AccountNotFound() =>
        new("account_not_found", "Цього особового рахунку немає серед рахунків вашого кабінету. Додайте його до кабінету, а тоді подайте заяву.");
}
