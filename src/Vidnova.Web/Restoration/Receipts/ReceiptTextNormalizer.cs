using System.Text;

namespace Vidnova.Restoration.Receipts;

/// <summary>Evens out what differs between bank apps but means the same: kinds of spaces, dashes and apostrophes.</summary>
internal static class ReceiptTextNormalizer
{
    /// <summary>Every kind of space (NBSP, narrow NBSP, tab…) becomes one space; the ends are trimmed.</summary>
    public static string CollapseSpaces(string text)
    {
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || c is '\u00A0' or '\u202F' or '\u2007' or '\u200B')
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>Lower case with single spaces, one kind of apostrophe and dash: for matching labels.</summary>
    public static string ForMatching(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in CollapseSpaces(text))
        {
            builder.Append(c switch
            {
                '\u2019' or '\u02BC' or '\u2018' or '`' or '\u00B4' => '\'',
                _ when IsDash(c) => '-',
                _ => char.ToLowerInvariant(c),
            });
        }

        return builder.ToString();
    }

    /// <summary>Hyphen, non-breaking hyphen, figure dash, en and em dashes, the minus sign and the like.</summary>
    public static bool IsDash(char c) =>
        c is '-' or '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2015' or '\u2212' or '\uFE58' or '\uFE63' or '\uFF0D';
}
