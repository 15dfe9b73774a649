using NodaTime;

namespace Vidnova.Restoration.BackOffice;

/// <summary>A customer's email about an application, as the application's page lists it: the outcome already in words.</summary>
/// <param name="OutcomeText">The outcome in Ukrainian, which is also the key of its translation.</param>
public sealed record CustomerEmailRow(Guid Id, Instant ReceivedAt, string Subject, string OutcomeText, string OutcomeBadgeClass, bool NeedsAttention);

/// <summary>
/// The emails received about one application. The inbound mailbox implements it: it depends on Restoration (it hands
/// receipts to it), so Restoration asks through this interface instead of reading the mailbox's entities.
/// </summary>
public interface IApplicationEmails
{
    /// <summary>The emails matched to <paramref name="applicationId"/>, newest first.</summary>
    Task<IReadOnlyList<CustomerEmailRow>> OfApplicationAsync(Guid applicationId, CancellationToken ct);
}
