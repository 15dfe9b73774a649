using System.Globalization;
using NodaTime;
using Vidnova.Kernel;

namespace Vidnova.Restoration.Receipts;

/// <summary>
/// What a bank app's receipt says about the payment, as far as it could be read. Any field may be missing: the
/// verification then fails that check and an operator looks at the receipt.
/// </summary>
internal sealed record ReceiptFields(
    string? PayeeName,
    Iban? PayeeIban,
    Edrpou? PayeeCode,
    Money? Amount,
    LocalDate? PaymentDate,
    string? Purpose)
{
    private static readonly CultureInfo Ukrainian = CultureInfo.GetCultureInfo("uk-UA");

    public static ReceiptFields None { get; } = new(null, null, null, null, null, null);

    public bool IsEmpty => this == None;

    /// <summary>Reads the fields from the receipt's text by the labels Ukrainian bank apps print.</summary>
    public static ReceiptFields Parse(ReceiptText text) => ReceiptFieldParser.Parse(text);

    /// <summary>Reads the fields from plain text (cells separated by a tab or three spaces).</summary>
    public static ReceiptFields Parse(string plainText) => Parse(ReceiptText.FromPlainText(plainText));

    /// <summary>The fields in Ukrainian for the timeline, "не знайдено" for those that could not be read.</summary>
    public string Describe()
    {
        const string missing = "не знайдено";
        var purpose = Purpose is null ? missing : $"«{Shorten(Purpose, 300)}»";
        return $"отримувач: {(PayeeName is null ? missing : Shorten(PayeeName, 160))}; "
            + $"код ЄДРПОУ: {PayeeCode?.Value ?? missing}; "
            + $"IBAN: {PayeeIban?.Value ?? missing}; "
            + $"сума: {(Amount is { } amount ? amount.ToString(null, Ukrainian) : missing)}; "
            + $"дата: {(PaymentDate is { } date ? date.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture) : missing)}; "
            + $"призначення: {purpose}";
    }

    internal static string Shorten(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
