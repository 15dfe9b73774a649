namespace Vidnova.Restoration.Receipts;

/// <summary>
/// What Restoration asks about the emails its receipts came in. The inbound mailbox implements it: it knows how
/// each email was matched to its application, and it hands receipts to Restoration, not the other way round.
/// </summary>
public interface IReceiptEmails
{
    /// <summary>Of these inbound emails, those matched to their application only by the number they quoted (subject or body).</summary>
    Task<IReadOnlySet<Guid>> MatchedOnlyByQuotedNumberAsync(IReadOnlyCollection<Guid> emailIds, CancellationToken cancellationToken);
}
