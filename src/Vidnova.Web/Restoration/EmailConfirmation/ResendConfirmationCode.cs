using Microsoft.Extensions.Options;
using NodaTime;
using Vidnova.Hosting;
using Vidnova.Kernel;
using Vidnova.Notifications;
using Vidnova.Persistence;
using Vidnova.Problems;
using Vidnova.Restoration.Notifications;

namespace Vidnova.Restoration.EmailConfirmation;

/// <summary>
/// Emails a fresh confirmation code (the way out once the code attempts have run out, or the first email was lost)
/// and starts the attempts again. The caller proves access with the token, which the new email's link carries too.
/// </summary>
internal sealed class ResendConfirmationCode(
    VidnovaDbContext db, IClock clock, RestorationEmails emails, INotificationOutbox notifications, OutboxSignal outbox, IOptions<RateLimitOptions> limits)
{
    private static readonly Duration Window = Duration.FromHours(1);

    public async Task HandleAsync(Guid id, string? accessToken, CancellationToken cancellationToken)
    {
        var application = await ApplicationAccess.LoadForCustomerAsync(db, id, accessToken, cancellationToken);
        var now = clock.GetCurrentInstant();
        await EnsureEmailLimitAsync(id, now, cancellationToken);

        var code = SecretTokens.NewConfirmationCode();
        application.ReissueConfirmationCode(SecretTokens.HashConfirmationCode(id, code), now);
        notifications.Enqueue(emails.ConfirmationCode(application, accessToken!, code, now, resend: Guid.NewGuid()));
        await db.SaveChangesAsync(cancellationToken);
        outbox.Notify();
    }

    /// <summary>
    /// Counted in the outbox (the first code and every resend), so the limit holds across instances: each code is an
    /// email to an address nobody has confirmed yet.
    /// </summary>
    private async Task EnsureEmailLimitAsync(Guid id, Instant now, CancellationToken cancellationToken)
    {
        var since = now - Window;
        var prefix = RestorationEmails.ConfirmationKeyPrefix(id);
        var sent = await notifications.QueuedSinceAsync(id, prefix, since, cancellationToken);
        var limit = Math.Max(1, limits.Value.ConfirmationEmails.PerApplicationPerHour);
        if (sent.Count >= limit)
        {
            throw new TooManyRequestsException(
                "Новий код уже надсилали кілька разів за останню годину. Перевірте пошту (і папку «Спам») або спробуйте знову {0}.",
                sent[sent.Count - limit] + Window - now);
        }
    }
}
