using MimeKit;

namespace Vidnova.Tests.Infrastructure;

/// <summary>The pickup folder the host writes outgoing mail to, read back with MimeKit.</summary>
public sealed class MailFolder(string path)
{
    public IReadOnlyList<SentMail> All() =>
        Directory.Exists(path)
            ? Directory.GetFiles(path, "*.eml").Select(f => SentMail.From(MimeMessage.Load(f))).OrderBy(m => m.Date).ToList()
            : [];

    /// <summary>Waits for the outbox dispatcher to deliver a message matching <paramref name="match"/>.</summary>
    public Task<SentMail> WaitForAsync(Func<SentMail, bool> match, string what) =>
        Eventually.ValueAsync(() => Task.FromResult(All().FirstOrDefault(match)), TimeSpan.FromSeconds(15),
            () => $"No email {what} arrived; have: {string.Join(" | ", All().Select(m => m.Subject))}");
}

public sealed record SentMail(string To, string Subject, string HtmlBody, string TextBody, DateTimeOffset Date, string MessageId)
{
    /// <summary>The Reply-To address, or null.</summary>
    public string? ReplyTo { get; init; }

    public string? InReplyTo { get; init; }

    public string? AutoSubmitted { get; init; }

    public static SentMail From(MimeMessage message) => new(
        string.Join(", ", message.To.Mailboxes.Select(m => m.Address)),
        message.Subject ?? "",
        message.HtmlBody ?? "",
        message.TextBody ?? "",
        message.Date,
        message.MessageId ?? "")
    {
        ReplyTo = message.ReplyTo.Mailboxes.FirstOrDefault()?.Address,
        InReplyTo = message.InReplyTo,
        AutoSubmitted = message.Headers[HeaderId.AutoSubmitted],
    };
}
