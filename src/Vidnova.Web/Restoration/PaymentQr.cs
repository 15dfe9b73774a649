using Vidnova.Kernel;

namespace Vidnova.Restoration;

/// <summary>
/// The payment QR of a restoration invoice (<see cref="NbuPaymentQr"/>, NBU resolution No. 97, format 003): the
/// DSO as recipient, the invoice's amount and a purpose with the application number, created when it was issued.
/// </summary>
internal static class PaymentQr
{
    public const string LinkPrefix = NbuPaymentQr.LinkPrefix;

    public const int LineCount = NbuPaymentQr.LineCount;

    public const int MaxRecipientLength = NbuPaymentQr.MaxRecipientLength;

    public const int MaxPurposeLength = NbuPaymentQr.MaxPurposeLength;

    /// <summary>The 17 lines of format 003, joined by LF (the last line, the e-signature, is empty).</summary>
    public static string Payload(Invoice invoice) => NbuPaymentQr.Payload(TransferOf(invoice));

    /// <summary>The link the QR code carries: <see cref="LinkPrefix"/> + base64url(UTF-8 payload), no padding.</summary>
    public static string Link(Invoice invoice) => NbuPaymentQr.Link(TransferOf(invoice));

    private static CreditTransfer TransferOf(Invoice invoice)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        return new CreditTransfer(invoice.RecipientName, invoice.Iban, invoice.Amount, invoice.RecipientCode, invoice.Purpose,
            invoice.IssuedAt.InZone(Calendar.KyivTime.Zone).LocalDateTime);
    }
}
