using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Vidnova.Kernel;
using Vidnova.Persistence;
using Vidnova.Restoration.Cabinet;
using Vidnova.Restoration.EmailConfirmation;
using Vidnova.Restoration.Receipts;

namespace Vidnova.Restoration;

/// <summary>An application as its customer follows it outside the website (the chatbot): where it is, what to pay, by when the DSO acts.</summary>
public sealed record CustomerApplicationSummary(
    Guid Id, string Number, AccountNumber Account, ApplicationStatus Status, CustomerInvoice? Invoice, NodaTime.LocalDate? DsoDeadline, string? RejectionReason)
{
    public bool IsOpen => ApplicationStateMachine.IsOpen(Status);
}

/// <summary>The DSO's restoration invoice: whom to pay, how much, with which purpose (the application number matches the payment).</summary>
public sealed record CustomerInvoice(Money Amount, string RecipientName, string RecipientCode, string Iban, string Purpose);

/// <summary>What became of a receipt sent outside the website: taken (and whether the same file had come before).</summary>
public sealed record ReceiptTaken(CustomerApplicationSummary Application, bool AlreadyHad);

/// <summary>
/// Restoration for a customer who is not on the website: the chatbot. A login's applications go through the same
/// use cases as the cabinet's (<c>/api/v1/me/…</c>), with the same refusals; a chat that is not connected to a login
/// proves an application by its number and the 6-digit code from its email.
/// </summary>
public interface IRestorationSelfService
{
    /// <summary>The newest application of an account linked to the login (open or not), or null when it has none; a 404 for an account not linked.</summary>
    Task<CustomerApplicationSummary?> LatestOfAsync(Guid loginId, AccountNumber account, CancellationToken cancellationToken);

    /// <summary>Files an application for an account linked to the login, as the cabinet does; the open one when there is one.</summary>
    Task<CustomerApplicationSummary> ApplyAsync(Guid loginId, AccountNumber account, string phone, CancellationToken cancellationToken);

    /// <summary>
    /// Takes a receipt file for the login's open application through the upload path (type from the bytes, size limit,
    /// automatic check, an operator's queue); the same file sent again is taken once.
    /// </summary>
    Task<ReceiptTaken> SubmitReceiptAsync(Guid loginId, Guid applicationId, string fileName, Stream content, CancellationToken cancellationToken);

    /// <summary>
    /// The application with this number, if <paramref name="code"/> is its 6-digit email code; an application still
    /// waiting for that code is confirmed with it (its attempts counted, as on the status page). Null when the number
    /// or the code is wrong, alike.
    /// </summary>
    Task<CustomerApplicationSummary?> FindWithCodeAsync(string number, string code, CancellationToken cancellationToken);
}

internal sealed class RestorationSelfService(
    VidnovaDbContext db, Customers.ICustomerAccounts customerAccounts, CabinetApplications applications, ApplyFromCabinet apply, SubmitReceipt submitReceipt, ConfirmEmail confirmEmail)
    : IRestorationSelfService
{
    public async Task<CustomerApplicationSummary?> LatestOfAsync(Guid loginId, AccountNumber account, CancellationToken cancellationToken)
    {
        var linked = await CabinetApplications.LinkedAccountAsync(customerAccounts, loginId, account.Value, cancellationToken);
        var latest = await db.Set<RestorationApplication>().AsNoTracking()
            .Where(a => a.AccountNumber == linked)
            .OrderByDescending(a => a.SubmittedAt)
            .FirstOrDefaultAsync(cancellationToken);
        return latest is null ? null : Summary(latest);
    }

    public async Task<CustomerApplicationSummary> ApplyAsync(Guid loginId, AccountNumber account, string phone, CancellationToken cancellationToken) =>
        Summary((await apply.HandleAsync(loginId, account.Value, new CabinetApplyCommand(phone), cancellationToken)).Application);

    public async Task<ReceiptTaken> SubmitReceiptAsync(Guid loginId, Guid applicationId, string fileName, Stream content, CancellationToken cancellationToken)
    {
        var application = await applications.FindAsync(loginId, applicationId, cancellationToken);
        using var copy = new MemoryStream();
        await content.CopyToAsync(copy, cancellationToken);
        // A chat's answer is retried as a whole when Telegram did not take it, and customers resend: the same bytes are one receipt.
        var hash = Convert.ToHexStringLower(SHA256.HashData(copy.GetBuffer().AsSpan(0, (int)copy.Length)));
        if (application.Receipts.Any(r => r.Sha256 == hash))
        {
            return new ReceiptTaken(Summary(application), AlreadyHad: true);
        }

        copy.Position = 0;
        await submitReceipt.HandleAsync(application, fileName, copy, Actors.CustomerLogin(loginId), cancellationToken);
        return new ReceiptTaken(Summary(application), AlreadyHad: false);
    }

    public async Task<CustomerApplicationSummary?> FindWithCodeAsync(string number, string code, CancellationToken cancellationToken)
    {
        var trimmed = number.Trim().ToUpperInvariant();
        var application = await db.Set<RestorationApplication>().SingleOrDefaultAsync(a => a.Number == trimmed, cancellationToken);
        if (application is null)
        {
            return null;
        }

        if (application.Status == ApplicationStatus.AwaitingEmailConfirmation)
        {
            try
            {
                return Summary(await confirmEmail.HandleAsync(application, code, cancellationToken));
            }
            catch (Problems.BusinessRuleException wrong) when (wrong.Code is "wrong_confirmation_code" or "confirmation_locked")
            {
                // The attempt counts on the application, but the answer is the same as for a number that does not exist.
                return null;
            }
        }

        return SecretTokens.Matches($"{application.Id:N}:{code.Trim()}", application.ConfirmationCodeHash) ? Summary(application) : null;
    }

    private static CustomerApplicationSummary Summary(RestorationApplication a) => new(a.Id, a.Number, a.AccountNumber, a.Status,
        a.Invoice is { } i ? new CustomerInvoice(i.Amount, i.RecipientName, i.RecipientCode.Value, i.Iban.Value, i.Purpose) : null,
        a.DsoRequest?.Deadline, a.DsoRequest?.RejectionReason);
}
