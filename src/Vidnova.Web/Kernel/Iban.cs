using System.Diagnostics.CodeAnalysis;
using System.Numerics;

namespace Vidnova.Kernel;

/// <summary>
/// A Ukrainian IBAN (NBU resolution No. 162 of 28.12.2018, ISO 13616): <c>UA</c>, two check digits,
/// a 6-digit bank code (MFO) and a 19-character account — 29 characters, valid under mod-97.
/// </summary>
public readonly record struct Iban
{
    private Iban(string value) => Value = value;

    public string Value { get; }

    public string BankCode => Value[4..10];

    public static bool TryParse(string? text, [NotNullWhen(true)] out Iban? iban)
    {
        iban = null;
        if (text is null)
        {
            return false;
        }

        var candidate = text.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        if (candidate.Length != 29 || !candidate.StartsWith("UA", StringComparison.Ordinal)
            || !candidate[2..10].All(char.IsAsciiDigit) || !candidate[10..].All(char.IsAsciiLetterOrDigit))
        {
            return false;
        }

        if (Mod97(candidate[4..] + candidate[..4]) != 1)
        {
            return false;
        }

        iban = new Iban(candidate);
        return true;
    }

    public static Iban Parse(string text) =>
        TryParse(text, out var iban) ? iban.Value : throw new FormatException($"'{text}' is not a valid Ukrainian IBAN.");

    /// <summary>Builds the IBAN for a bank code and account, computing the check digits.</summary>
    public static Iban Create(string bankCode, string account)
    {
        var bban = bankCode + account.PadLeft(19, '0');
        var check = 98 - Mod97(bban + "UA00");
        return Parse($"UA{check:00}{bban}");
    }

    private static int Mod97(string rearranged)
    {
        var digits = string.Concat(rearranged.Select(c => char.IsAsciiDigit(c) ? c.ToString() : (c - 'A' + 10).ToString()));
        return (int)(BigInteger.Parse(digits) % 97);
    }

    public override string ToString() => Value;
}
