using MimeKit;
using MimeKit.Cryptography;

namespace Vidnova.InboundMail;

/// <summary>Whether the receiving mail server vouched for the From domain, and in words an operator understands why (not).</summary>
internal sealed record SenderVerdict(bool Authenticated, string Explanation);

/// <summary>
/// Reads the receiving mail server's verdict on the sender from <c>Authentication-Results</c> headers (RFC 8601):
/// <c>authserv-id [version]</c>, then <c>;</c>-separated method results such as
/// <c>dmarc=pass (p=reject) header.from=example.com</c>, <c>spf=pass smtp.mailfrom=bounce.example.com</c> or
/// <c>dkim=pass header.d=example.com</c>, with comments in parentheses. A From address is anyone's to type, so an
/// application number quoted from it proves nothing until the server says the domain really sent the message:
/// DMARC passed for it, or SPF or DKIM passed for a domain aligned with it (RFC 7489 §3.1).
/// </summary>
/// <remarks>
/// Only headers from a configured trusted <c>authserv-id</c> count. Anyone can add such a header to a message before
/// it reaches us, even one naming our server, so the trusted MTA must remove Authentication-Results headers bearing
/// its own authserv-id that arrived from outside (RFC 8601 §5) before adding its own; Postfix, Exim, OpenDMARC and
/// the large providers do this. A message may carry several headers: only the topmost one from a trusted
/// authserv-id is judged, since our MTA prepends its own above any that came from outside (RFC 8601 §5, RFC 5322
/// §3.6 trace fields), so a forged "pass" further down cannot outvote our server's "fail".
/// </remarks>
internal static class SenderAuthentication
{
    public static SenderVerdict Judge(MimeMessage message, IReadOnlyCollection<string> trustedAuthServIds)
    {
        var senders = message.From.Mailboxes.ToList();
        var headers = message.Headers.Where(h => h.Id == HeaderId.AuthenticationResults).Select(h => h.RawValue).ToList();
        return senders.Count == 1
            ? Judge(headers, trustedAuthServIds, senders[0].Address)
            : new SenderVerdict(false, "у листі не одна адреса відправника (From), тож підтвердити відправника неможливо");
    }

    /// <param name="headerValues">The raw values of the message's Authentication-Results headers, top (newest) first.</param>
    /// <param name="from">The single From address.</param>
    public static SenderVerdict Judge(IEnumerable<byte[]> headerValues, IReadOnlyCollection<string> trustedAuthServIds, string from)
    {
        var domain = DomainOf(from);
        if (domain is null)
        {
            return new SenderVerdict(false, $"адреса відправника «{from}» не має домену");
        }

        if (trustedAuthServIds.Count == 0)
        {
            return new SenderVerdict(false, "довірений поштовий сервер не налаштовано (Mail:Inbound:TrustedAuthServIds), тож відправника не перевірено");
        }

        var trusted = new HashSet<string>(trustedAuthServIds.Select(id => id.Trim()), StringComparer.OrdinalIgnoreCase);
        var seen = new List<string>();
        foreach (var value in headerValues)
        {
            if (!AuthenticationResults.TryParse(value, out var results) || results.AuthenticationServiceIdentifier is not { } servId
                || !trusted.Contains(servId))
            {
                continue;
            }

            foreach (var result in results.Results)
            {
                var outcome = $"{result.Method}={result.Result}";
                if (Passes(result, domain))
                {
                    return new SenderVerdict(true, $"сервер {servId} підтвердив домен {domain}: {outcome}");
                }

                seen.Add(outcome);
            }

            // The topmost trusted header is our server's own verdict; anything below it may have come from outside.
            break;
        }

        return seen.Count == 0
            ? new SenderVerdict(false, $"немає перевірки відправника від довіреного поштового сервера ({string.Join(", ", trusted)})")
            : new SenderVerdict(false, $"довірений поштовий сервер не підтвердив домен {domain} ({string.Join(", ", seen.Distinct())})");
    }

    private static bool Passes(AuthenticationMethodResult result, string domain)
    {
        if (!string.Equals(result.Result, "pass", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return result.Method.ToLowerInvariant() switch
        {
            // DMARC is evaluated for the From domain itself; when the server names it, it must be ours.
            "dmarc" => Property(result, "header", "from") is not { } headerFrom || string.Equals(DomainOf(headerFrom), domain, StringComparison.OrdinalIgnoreCase),
            "spf" => Property(result, "smtp", "mailfrom") is { } mailFrom && Aligned(DomainOf(mailFrom), domain),
            "dkim" => (Property(result, "header", "d") ?? Property(result, "header", "i")) is { } signer && Aligned(DomainOf(signer), domain),
            _ => false,
        };
    }

    /// <summary>
    /// Relaxed alignment (RFC 7489 §3.1) without the public-suffix list: the authenticated domain is the From domain
    /// or one of its subdomains (e.g. <c>bounce.example.com</c> for <c>example.com</c>). Upwards (<c>example.com</c>
    /// for <c>mail.example.com</c>) would need the list to stop at a public suffix, so it does not count.
    /// </summary>
    private static bool Aligned(string? authenticated, string from) =>
        authenticated is not null
        && (string.Equals(authenticated, from, StringComparison.OrdinalIgnoreCase)
            || authenticated.EndsWith("." + from, StringComparison.OrdinalIgnoreCase));

    private static string? Property(AuthenticationMethodResult result, string type, string name) =>
        result.Properties.FirstOrDefault(p => string.Equals(p.PropertyType, type, StringComparison.OrdinalIgnoreCase)
            && string.Equals(p.Property, name, StringComparison.OrdinalIgnoreCase))?.Value;

    /// <summary>The domain of <c>user@domain</c>, or of a bare domain, lower case, without a trailing dot.</summary>
    private static string? DomainOf(string address)
    {
        var domain = address[(address.LastIndexOf('@') + 1)..].Trim().TrimEnd('.').Trim('"');
        return domain.Length == 0 || domain.Contains(' ', StringComparison.Ordinal) ? null : domain.ToLowerInvariant();
    }
}
