using System.Text.RegularExpressions;
using MimeKit;
using Vidnova.Notifications;

namespace Vidnova.InboundMail;

/// <summary>
/// Everything in a customer's email that may point to its application, strongest first: the plus-addressed reply
/// address, our Message-IDs in <c>In-Reply-To</c>/<c>References</c>, an application number in the subject, then in
/// the text (a reply usually quotes our email). Mail clients strip some of these, rarely all.
/// </summary>
internal sealed partial record ReplyKeys(
    IReadOnlyList<string> ReplyTokens,
    IReadOnlyList<Guid> RepliedToOutboxIds,
    IReadOnlyList<string> NumbersInSubject,
    IReadOnlyList<string> NumbersInText,
    string? Sender)
{
    // Only the start of the text is searched: enough for the reply and the quoted email, not a whole forwarded thread.
    private const int TextSearchLength = 20_000;

    private static readonly string[] EnvelopeHeaders = ["Delivered-To", "X-Original-To", "Envelope-To"];

    // VN-2026-000042 as people type it: any dash or none, spaces, lower case, Cyrillic «ВН».
    [GeneratedRegex(@"(?<![\p{L}\d])(?:VN|ВН)\s*[-‐‑‒–—―_]?\s*(\d{4})\s*[-‐‑‒–—―_/]?\s*(\d{6})(?!\d)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ApplicationNumber();

    public static ReplyKeys Read(MimeMessage message, ReplyAddress? replyAddress)
    {
        var recipients = message.To.Mailboxes.Concat(message.Cc.Mailboxes).Concat(message.Bcc.Mailboxes).Select(m => m.Address)
            .Concat(EnvelopeRecipients(message.Headers));
        var tokens = replyAddress is null
            ? []
            : recipients.Select(replyAddress.TokenOf).OfType<string>().Distinct().ToList();

        var threadIds = (message.InReplyTo is { } inReplyTo ? [inReplyTo] : Array.Empty<string>())
            .Concat(message.References)
            .Select(NotificationMessageId.Parse).OfType<Guid>().Distinct().ToList();

        var text = message.TextBody ?? HtmlToText(message.HtmlBody) ?? "";
        return new ReplyKeys(tokens, threadIds, Numbers(message.Subject ?? ""),
            Numbers(text.Length > TextSearchLength ? text[..TextSearchLength] : text),
            message.From.Mailboxes.FirstOrDefault()?.Address.ToLowerInvariant());
    }

    public static IReadOnlyList<string> Numbers(string text) =>
        ApplicationNumber().Matches(text).Select(m => $"VN-{m.Groups[1].Value}-{m.Groups[2].Value}").Distinct().ToList();

    /// <summary>Where the server says it delivered the message, which keeps the +tag even when a client rewrote To.</summary>
    private static IEnumerable<string> EnvelopeRecipients(HeaderList headers) =>
        headers.Where(h => EnvelopeHeaders.Contains(h.Field, StringComparer.OrdinalIgnoreCase))
            .SelectMany(h => InternetAddressList.TryParse(h.Value, out var list) ? list.Mailboxes.Select(m => m.Address) : []);

    private static string? HtmlToText(string? html) =>
        html is null ? null : System.Net.WebUtility.HtmlDecode(HtmlTags().Replace(html, " "));

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex HtmlTags();
}
