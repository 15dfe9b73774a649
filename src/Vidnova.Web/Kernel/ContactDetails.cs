using System.Diagnostics.CodeAnalysis;
using MimeKit;

namespace Vidnova.Kernel;

public static class ContactDetails
{
    /// <summary>Accepts a single plain address (no display name, a dot in the domain).</summary>
    public static bool TryNormaliseEmail(string? text, [NotNullWhen(true)] out string? email)
    {
        email = null;
        var candidate = text?.Trim();
        if (string.IsNullOrEmpty(candidate) || candidate.Length > 254 || candidate.Contains(' ', StringComparison.Ordinal)
            || !MailboxAddress.TryParse(candidate, out var address) || address.Address != candidate
            || address.Domain.IndexOf('.', StringComparison.Ordinal) <= 0 || address.LocalPart.Length == 0)
        {
            return false;
        }

        email = candidate;
        return true;
    }

    /// <summary>A Ukrainian mobile number in any usual spelling (<c>067 123 45 67</c>, <c>+380671234567</c>) as <c>+380XXXXXXXXX</c>.</summary>
    public static bool TryNormaliseUkrainianPhone(string? text, [NotNullWhen(true)] out string? phone)
    {
        phone = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var digits = new string(text.Where(char.IsAsciiDigit).ToArray());
        digits = digits.Length switch
        {
            10 when digits.StartsWith('0') => "38" + digits,
            12 when digits.StartsWith("380", StringComparison.Ordinal) => digits,
            _ => "",
        };
        if (digits.Length != 12 || text.Any(c => !char.IsAsciiDigit(c) && c is not (' ' or '+' or '-' or '(' or ')')))
        {
            return false;
        }

        phone = "+" + digits;
        return true;
    }
}
