using System.Buffers.Text;
using System.Globalization;
using System.Text;
using NodaTime;
using NodaTime.Text;
using QRCoder;

namespace Vidnova.Kernel;

/// <summary>A credit transfer as a payment QR states it: to whom, their IBAN and code, how much and what for.</summary>
/// <param name="CreatedAt">When the document was made, in Kyiv time (line 16).</param>
public sealed record CreditTransfer(string RecipientName, Iban Iban, Money Amount, Edrpou RecipientCode, string Purpose, LocalDateTime CreatedAt);

/// <summary>
/// The National Bank of Ukraine's payment QR, so a bank app fills the payment in one scan (NBU resolution No. 97, in
/// force 1 November 2025: "Правила формування та використання QR-коду для здійснення кредитових переказів").
/// Format 003: 17 lines separated by LF, UTF-8, carried as a link whose last segment is the payload in base64url
/// without padding; opening the link on a phone starts a bank app that supports it. Shared by the restoration
/// invoice (paid to the DSO) and the monthly bill (paid to the supplier). Pure: everything comes from the transfer.
/// </summary>
public static class NbuPaymentQr
{
    /// <summary>The NBU's "payment application start code" prefix the base64url payload is appended to.</summary>
    public const string LinkPrefix = "https://bank.gov.ua/qr/";

    public const int LineCount = 17;

    /// <summary>Field length limits of format 003 (longer values are cut, never wrapped onto another line).</summary>
    public const int MaxRecipientLength = 140;

    public const int MaxPurposeLength = 420;

    private static readonly LocalDateTimePattern Timestamp = LocalDateTimePattern.CreateWithInvariantCulture("yyMMddHHmmss");

    /// <summary>The 17 lines of format 003, joined by LF (the last line, the e-signature, is empty).</summary>
    public static string Payload(CreditTransfer transfer)
    {
        ArgumentNullException.ThrowIfNull(transfer);
        string[] lines =
        [
            "BCD",                                                 // 1  service mark
            "003",                                                 // 2  format version
            "1",                                                   // 3  encoding: 1 = UTF-8
            "UCT",                                                 // 4  function: credit transfer
            "",                                                    // 5  reserved
            Field(transfer.RecipientName, MaxRecipientLength),     // 6  recipient
            transfer.Iban.Value,                                   // 7  recipient's IBAN
            "UAH" + transfer.Amount.Amount.ToString("0.00", CultureInfo.InvariantCulture), // 8 UAH + amount with exactly two decimals
            transfer.RecipientCode.Value,                          // 9  recipient code (EDRPOU)
            "",                                                    // 10 category/purpose (ISO 20022): not used
            "",                                                    // 11 reference: not used, the number is in the purpose
            Field(transfer.Purpose, MaxPurposeLength),             // 12 purpose
            "",                                                    // 13 display text
            "",                                                    // 14 field lock mask: the payer may edit nothing special
            "",                                                    // 15 valid until: the document does not expire
            Timestamp.Format(transfer.CreatedAt),                  // 16 created, Kyiv time
            "",                                                    // 17 e-signature
        ];
        return string.Join('\n', lines);
    }

    /// <summary>The link the QR code carries: <see cref="LinkPrefix"/> + base64url(UTF-8 payload), no padding.</summary>
    public static string Link(CreditTransfer transfer) =>
        LinkPrefix + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(Payload(transfer)));

    /// <summary>The QR code of <paramref name="link"/> as rows of modules (true is dark, with the quiet zone), for a document to draw.</summary>
    public static IReadOnlyList<bool[]> Modules(string link)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(link, QRCodeGenerator.ECCLevel.M);
        return [.. data.ModuleMatrix.Select(row => Enumerable.Range(0, row.Length).Select(i => row[i]).ToArray())];
    }

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
