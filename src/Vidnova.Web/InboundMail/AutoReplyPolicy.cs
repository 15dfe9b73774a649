using MimeKit;

namespace Vidnova.InboundMail;

/// <summary>
/// Whether an email may be answered automatically (RFC 3834 §2): never a message that is itself automatic — an
/// auto-reply, a bounce, a mailing list — so that two robots never answer each other in a loop.
/// </summary>
internal static class AutoReplyPolicy
{
    private static readonly string[] RobotLocalParts = ["mailer-daemon", "postmaster", "noreply", "no-reply", "do-not-reply", "donotreply", "bounce", "bounces"];

    public static bool MayAnswer(MimeMessage message)
    {
        var autoSubmitted = message.Headers[HeaderId.AutoSubmitted];
        if (!string.IsNullOrWhiteSpace(autoSubmitted) && !autoSubmitted.Trim().StartsWith("no", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var precedence = message.Headers[HeaderId.Precedence]?.Trim();
        if (precedence is not null && (precedence.Equals("bulk", StringComparison.OrdinalIgnoreCase)
            || precedence.Equals("junk", StringComparison.OrdinalIgnoreCase) || precedence.Equals("list", StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        if (message.Headers.Contains(HeaderId.ListId) || message.Headers.Contains("X-Autoreply") || message.Headers.Contains("X-Autorespond"))
        {
            return false;
        }

        var sender = message.From.Mailboxes.FirstOrDefault();
        return sender is not null && !RobotLocalParts.Any(robot => sender.LocalPart.Equals(robot, StringComparison.OrdinalIgnoreCase));
    }
}
