using NodaTime;
using Vidnova.Restoration.Receipts;

namespace Vidnova.Restoration.Replies;

/// <summary>An application as a customer's email about it meets it.</summary>
/// <param name="AcceptsReceipt">Whether a receipt sent now would be taken (see <see cref="RestorationApplication.AcceptsReceipt"/>).</param>
public sealed record RepliedApplication(Guid Id, string Number, string Email, ApplicationStatus Status, bool AcceptsReceipt);

/// <summary>A receipt filed from an email: its id, and whether it was approved at once and the request queued for the DSO.</summary>
public sealed record FiledReceipt(Guid ReceiptId, bool SentToDso);

/// <summary>
/// What the inbound mailbox does with the applications its emails are about, published by Restoration so the mailbox
/// never loads an application: find the one an email points to, file an attached receipt exactly as an upload would
/// be, note an email in the application's history, answer the customer. Changes are staged in the caller's unit of
/// work and saved by its <c>SaveChangesAsync</c>, with the email's own record; <see cref="WakeDispatchers"/> after it.
/// </summary>
public interface IApplicationReplies
{
    /// <summary>The application whose plus-addressed reply address carries one of these tokens.</summary>
    Task<RepliedApplication?> FindByReplyTokenAsync(IReadOnlyCollection<string> replyTokens, CancellationToken cancellationToken);

    Task<RepliedApplication?> FindAsync(Guid applicationId, CancellationToken cancellationToken);

    Task<IReadOnlyList<RepliedApplication>> FindByNumbersAsync(IReadOnlyCollection<string> numbers, CancellationToken cancellationToken);

    /// <summary>Files the receipt with its automatic check and the customer's email (see <see cref="SubmitReceipt.AddAsync"/>).</summary>
    Task<FiledReceipt> FileReceiptAsync(Guid applicationId, ReceiptUpload upload, CancellationToken cancellationToken);

    /// <summary>Notes in the application's history a customer's email that brought no receipt to file.</summary>
    Task RecordCustomerEmailAsync(Guid applicationId, string description, Instant now, CancellationToken cancellationToken);

    /// <summary>Answers an email that brought no receipt that could be taken: what was wrong and what to send instead.</summary>
    /// <param name="inReplyTo">The Message-ID of the customer's email, so the answer shows in its thread.</param>
    Task AnswerReceiptNotTakenAsync(Guid applicationId, Guid inboundEmailId, string? inReplyTo, string problem, Instant now, CancellationToken cancellationToken);

    /// <summary>After the commit: send what was queued without waiting for the next poll.</summary>
    void WakeDispatchers(bool sentToDso);
}
