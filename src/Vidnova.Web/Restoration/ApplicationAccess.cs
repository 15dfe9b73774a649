using Microsoft.EntityFrameworkCore;
using Vidnova.Kernel;
using Vidnova.Persistence;
using Vidnova.Problems;

namespace Vidnova.Restoration;

/// <summary>Loads an application for its customer, who proves it with the access token from the email link.</summary>
internal static class ApplicationAccess
{
    public static Task<RestorationApplication> LoadAsync(VidnovaDbContext db, Guid id, CancellationToken cancellationToken) =>
        FindAsync(db.Set<RestorationApplication>(), id, cancellationToken);

    /// <summary>A wrong token looks exactly like a missing application, so ids cannot be probed.</summary>
    public static Task<RestorationApplication> LoadForCustomerAsync(VidnovaDbContext db, Guid id, string? accessToken, CancellationToken cancellationToken) =>
        FindForCustomerAsync(db.Set<RestorationApplication>(), id, accessToken, cancellationToken);

    /// <summary>
    /// The application to answer a read with, not tracked since nothing will be saved: the change tracker's snapshot
    /// of the aggregate with its timeline and receipts is a good part of what a tracked load costs on the status read,
    /// the customer's most frequent request.
    /// </summary>
    public static Task<RestorationApplication> ReadAsync(VidnovaDbContext db, Guid id, CancellationToken cancellationToken) =>
        FindAsync(db.Set<RestorationApplication>().AsNoTracking(), id, cancellationToken);

    /// <inheritdoc cref="ReadAsync"/>
    public static Task<RestorationApplication> ReadForCustomerAsync(VidnovaDbContext db, Guid id, string? accessToken, CancellationToken cancellationToken) =>
        FindForCustomerAsync(db.Set<RestorationApplication>().AsNoTracking(), id, accessToken, cancellationToken);

    private static async Task<RestorationApplication> FindAsync(IQueryable<RestorationApplication> applications, Guid id, CancellationToken cancellationToken) =>
        await applications.SingleOrDefaultAsync(a => a.Id == id, cancellationToken) ?? throw NotFound();

    private static async Task<RestorationApplication> FindForCustomerAsync(
        IQueryable<RestorationApplication> applications, Guid id, string? accessToken, CancellationToken cancellationToken)
    {
        var application = await applications.SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (application is null || string.IsNullOrEmpty(accessToken) || !SecretTokens.Matches(accessToken, application.AccessTokenHash))
        {
            throw NotFound();
        }

        return application;
    }

    private static NotFoundException NotFound() =>
        new("application_not_found", "Заяву не знайдено або посилання застаріло. Відкрийте заяву за посиланням з листа.");
}
