using NodaTime;
using Vidnova.Dso;
using Vidnova.Kernel;
using Vidnova.Notifications;
using Vidnova.Persistence;
using Vidnova.Restoration.Notifications;

namespace Vidnova.Restoration.EmailConfirmation;

/// <summary>Confirms the customer's email with the code and issues the DSO's restoration invoice to it.</summary>
internal sealed class ConfirmEmail(VidnovaDbContext db, IDsoDirectory dsos, IClock clock, RestorationEmails emails, INotificationOutbox notifications, OutboxSignal outbox)
{
    public async Task<RestorationApplication> HandleAsync(Guid id, string? accessToken, string? code, CancellationToken cancellationToken) =>
        await HandleAsync(await ApplicationAccess.LoadForCustomerAsync(db, id, accessToken, cancellationToken), code, cancellationToken);

    /// <summary>The code for an application loaded (tracked) by a caller that proved nothing else: the code is the proof, its attempts are counted.</summary>
    public async Task<RestorationApplication> HandleAsync(RestorationApplication application, string? code, CancellationToken cancellationToken)
    {
        var id = application.Id;
        var dso = await dsos.FindRequisitesAsync(application.DsoCode, cancellationToken)
            ?? throw new InvalidOperationException($"The DSO {application.DsoCode} of application {application.Number} is not registered.");
        var now = clock.GetCurrentInstant();
        try
        {
            application.ConfirmEmail(SecretTokens.HashConfirmationCode(id, code ?? ""), () => IssueInvoice(application, dso, now), now);
        }
        catch (Problems.BusinessRuleException) when (application.FailedConfirmationAttempts > 0)
        {
            // The failed attempt counts even though the request is refused.
            await db.SaveChangesAsync(CancellationToken.None);
            throw;
        }

        notifications.Enqueue(emails.Invoice(application, now));
        await db.SaveChangesAsync(cancellationToken);
        outbox.Notify();
        return application;
    }

    /// <summary>The invoice carries the DSO's requisites and a purpose with the application number, so the payment can be matched.</summary>
    internal static Invoice IssueInvoice(RestorationApplication application, DsoRequisites dso, Instant now) =>
        new(dso.DefaultRestorationPrice, dso.Name, dso.Edrpou, dso.Iban,
            $"Оплата послуги з відновлення електропостачання, заява {application.Number}, о/р {application.AccountNumber}",
            now);
}
