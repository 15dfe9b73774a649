using MimeKit;

namespace Vidnova.Notifications;

/// <summary>
/// The supplier's reply mailbox, plus-addressed per application: <c>receipts+k3x9…@supplier.ua</c>. Mail servers
/// deliver every <c>+tag</c> variant to the base mailbox (Dovecot, Postfix, Exchange, Gmail, Microsoft 365), and the
/// tag survives a customer's "Reply" in any mail app, so it identifies the application without the subject.
/// </summary>
public sealed class ReplyAddress
{
    private readonly string _localPart;
    private readonly string _domain;
    private readonly string? _displayName;

    private ReplyAddress(string localPart, string domain, string? displayName)
    {
        _localPart = localPart;
        _domain = domain;
        _displayName = displayName;
    }

    /// <summary>The configured <c>Mail:ReplyAddress</c>, or null when it is not set.</summary>
    public static ReplyAddress? Parse(string? configured)
    {
        if (string.IsNullOrWhiteSpace(configured))
        {
            return null;
        }

        if (!MailboxAddress.TryParse(configured, out var mailbox) || string.IsNullOrEmpty(mailbox.Domain) || string.IsNullOrEmpty(mailbox.LocalPart))
        {
            throw new InvalidOperationException($"Mail:ReplyAddress «{configured}» is not an email address.");
        }

        var localPart = mailbox.LocalPart;
        if (localPart.Contains('+', StringComparison.Ordinal))
        {
            throw new InvalidOperationException("Mail:ReplyAddress must be the plain mailbox, without a +tag: each application gets its own tag.");
        }

        return new ReplyAddress(localPart, mailbox.Domain, string.IsNullOrEmpty(mailbox.Name) ? null : mailbox.Name);
    }

    /// <summary>The reply address of one application, as an RFC 5322 mailbox.</summary>
    public string For(string replyToken) =>
        new MailboxAddress(_displayName, $"{_localPart}+{replyToken}@{_domain}").ToString();

    /// <summary>The application's token, when <paramref name="address"/> is this mailbox with a tag.</summary>
    public string? TokenOf(string address)
    {
        var at = address.LastIndexOf('@');
        if (at <= 0 || !address[(at + 1)..].Equals(_domain, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var local = address[..at];
        var prefix = _localPart + "+";
        return local.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && local.Length > prefix.Length
            ? local[prefix.Length..].ToLowerInvariant()
            : null;
    }
}
