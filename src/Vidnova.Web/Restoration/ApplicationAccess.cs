using Microsoft.EntityFrameworkCore;
using Vidnova.Kernel;
using Vidnova.Persistence;
using Vidnova.Problems;

namespace Vidnova.Restoration;

/// <summary>Loads an application for its customer, who proves it with the access token from the email link.</summary>
internal static class ApplicationAccess
{
    public static async Task<RestorationApplication> LoadAsync(VidnovaDbContext db, Guid id, CancellationToken cancellationToken) =>
        await db.Set<RestorationApplication>().SingleOrDefaultAsync(a => a.Id == id, cancellationToken)
        ?? throw NotFound();

    /// <summary>A wrong token looks exactly like a missing application, so ids cannot be probed.</summary>
    public static async Task<RestorationApplication> LoadForCustomerAsync(VidnovaDbContext db, Guid id, string? accessToken, CancellationToken cancellationToken)
    {
        var application = await db.Set<RestorationApplication>().SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (application is null || string.IsNullOrEmpty(accessToken) || !SecretTokens.Matches(accessToken, application.AccessTokenHash))
        {
            throw NotFound();
        }

        return application;
    }

    private static NotFoundException NotFound() =>
        new("application_not_found", "Заяву не знайдено або посилання застаріло. Відкрийте заяву за посиланням з листа.");
}
