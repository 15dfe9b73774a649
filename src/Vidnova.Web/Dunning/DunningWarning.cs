using NodaTime;
using Vidnova.Kernel;

namespace Vidnova.Dunning;

/// <summary>
/// One warning as it went out by one channel: the debt it stated at that moment and the disconnection date and time.
/// For email, <see cref="NotificationKey"/> names the outbox message, whose sent time and Message-ID are the delivery proof.
/// </summary>
internal sealed class DunningWarning
{
    public const string Email = "email";

    /// <summary>Shown on the customer's cabinet (the account page and <c>/me/accounts/{number}/dunning</c>).</summary>
    public const string Cabinet = "cabinet";

    private DunningWarning(Guid id, Guid caseId, int sequence, string channel, string? recipient, string? notificationKey, Money amount,
        LocalDateTime disconnectionAt, Instant queuedAt)
    {
        Id = id;
        CaseId = caseId;
        Sequence = sequence;
        Channel = channel;
        Recipient = recipient;
        NotificationKey = notificationKey;
        Amount = amount;
        DisconnectionAt = disconnectionAt;
        QueuedAt = queuedAt;
    }

    public Guid Id { get; private set; }

    public Guid CaseId { get; private set; }

    /// <summary>1 for the first warning (also after a resume), 2 for the second.</summary>
    public int Sequence { get; private set; }

    public string Channel { get; private set; }

    public string? Recipient { get; private set; }

    public string? NotificationKey { get; private set; }

    public Money Amount { get; private set; }

    public LocalDateTime DisconnectionAt { get; private set; }

    public Instant QueuedAt { get; private set; }

    /// <summary>Records a warning; one sent by email is named in the outbox by its own id, so each goes out once.</summary>
    internal static DunningWarning Record(Guid caseId, int sequence, string channel, string? recipient, Money amount, LocalDateTime disconnectionAt,
        Instant queuedAt)
    {
        var id = Guid.NewGuid();
        return new(id, caseId, sequence, channel, recipient, channel == Email ? $"dunning-warning:{id:N}" : null, amount, disconnectionAt, queuedAt);
    }
}

/// <summary>A line of a case's history: what happened, when and by whom (the audit trail staff read on the case page).</summary>
internal sealed class DunningHistoryEntry
{
    private DunningHistoryEntry(Guid id, Guid caseId, Instant at, string kind, string text, string actor)
    {
        Id = id;
        CaseId = caseId;
        At = at;
        Kind = kind;
        Text = text;
        Actor = actor;
    }

    public Guid Id { get; private set; }

    public Guid CaseId { get; private set; }

    public Instant At { get; private set; }

    public string Kind { get; private set; }

    public string Text { get; private set; }

    public string Actor { get; private set; }

    internal static DunningHistoryEntry Of(Guid caseId, Instant at, string kind, string text, string actor) =>
        new(Guid.NewGuid(), caseId, at, kind, text, actor);
}
