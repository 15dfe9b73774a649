using System.Buffers.Text;
using System.Globalization;
using System.Text;
using NodaTime.Text;

namespace Vidnova.Restoration;

/// <summary>
/// The National Bank of Ukraine's payment QR for a restoration invoice, so a bank app fills the payment in one scan
/// (NBU resolution No. 97, in force 1 November 2025: "Правила формування та використання QR-коду для здійснення
/// кредитових переказів"). Format 003: 17 lines separated by LF, UTF-8, carried as a link whose last segment is the
/// payload in base64url without padding; opening the link on a phone starts a bank app that supports it.
/// Pure: no clock, no I/O — everything comes from the invoice.
/// </summary>
internal static class PaymentQr
{
    /// <summary>The NBU's "payment application start code" prefix the base64url payload is appended to.</summary>
    public const string LinkPrefix = "https://bank.gov.ua/qr/";

    public const int LineCount = 17;

    /// <summary>Field length limits of format 003 (longer values are cut, never wrapped onto another line).</summary>
    public const int MaxRecipientLength = 140;

    public const int MaxPurposeLength = 420;

    private static readonly LocalDateTimePattern Timestamp = LocalDateTimePattern.CreateWithInvariantCulture("yyMMddHHmmss");

    /// <summary>The 17 lines of format 003, joined by LF (the last line, the e-signature, is empty).</summary>
    public static string Payload(Invoice invoice)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        string[] lines =
        [
            "BCD",                                            // 1  service mark
            "003",                                            // 2  format version
            "1",                                              // 3  encoding: 1 = UTF-8
            "UCT",                                            // 4  function: credit transfer
            "",                                               // 5  reserved
            Field(invoice.RecipientName, MaxRecipientLength), // 6  recipient (the DSO)
            invoice.Iban.Value,                               // 7  recipient's IBAN
            Amount(invoice),                                  // 8  UAH + amount with exactly two decimals
            invoice.RecipientCode.Value,                      // 9  recipient code (EDRPOU)
            "",                                               // 10 category/purpose (ISO 20022): not used
            "",                                               // 11 reference: not used, the number is in the purpose
            Field(invoice.Purpose, MaxPurposeLength),         // 12 purpose, with the application number
            "",                                               // 13 display text
            "",                                               // 14 field lock mask: the payer may edit nothing special
            "",                                               // 15 valid until: the invoice does not expire
            Timestamp.Format(invoice.IssuedAt.InZone(Calendar.KyivTime.Zone).LocalDateTime), // 16 created, Kyiv time
            "",                                               // 17 e-signature
        ];
        return string.Join('\n', lines);
    }

    /// <summary>The link the QR code carries: <see cref="LinkPrefix"/> + base64url(UTF-8 payload), no padding.</summary>
    public static string Link(Invoice invoice) =>
        LinkPrefix + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(Payload(invoice)));

    private static string Amount(Invoice invoice) =>
        "UAH" + invoice.Amount.Amount.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>One line: line breaks and tabs become spaces, runs of spaces collapse, and the value is cut to its limit.</summary>
    private static string Field(string value, int maxLength)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value.Trim())
        {
            var next = char.IsWhiteSpace(c) || char.IsControl(c) ? ' ' : c;
            if (next == ' ' && builder.Length > 0 && builder[^1] == ' ')
            {
                continue;
            }

            builder.Append(next);
        }

        var text = builder.ToString();
        return text.Length <= maxLength ? text : text[..maxLength].TrimEnd();
    }
}
