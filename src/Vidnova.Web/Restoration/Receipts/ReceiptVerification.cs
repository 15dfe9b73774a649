using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Vidnova.Calendar;
using Vidnova.Kernel;

namespace Vidnova.Restoration.Receipts;

internal enum ReceiptCheckKind
{
    /// <summary>The money went to the DSO's account named on the invoice.</summary>
    PayeeIban,

    /// <summary>At least the invoiced amount was paid.</summary>
    Amount,

    /// <summary>The purpose quotes the application number, so the DSO can match the payment.</summary>
    Purpose,

    /// <summary>Paid on or after the day the invoice was issued (Kyiv), so it is not an older payment.</summary>
    PaymentDate,
}

/// <summary>One check of a receipt against the invoice, with the reason in Ukrainian for the timeline and the operator.</summary>
internal sealed record ReceiptCheck(ReceiptCheckKind Kind, bool Passed, string Explanation);

internal sealed record ReceiptVerificationResult(IReadOnlyList<ReceiptCheck> Checks)
{
    public bool Passed => Checks.All(c => c.Passed);

    public IEnumerable<ReceiptCheck> Failed => Checks.Where(c => !c.Passed);

    public ReceiptCheck this[ReceiptCheckKind kind] => Checks.Single(c => c.Kind == kind);
}

/// <summary>Compares what a receipt says with the restoration invoice (issue 4: IBAN, amount, purpose, date).</summary>
internal static class ReceiptVerification
{
    private static readonly CultureInfo Ukrainian = CultureInfo.GetCultureInfo("uk-UA");

    public static ReceiptVerificationResult Verify(ReceiptFields fields, Invoice invoice, string applicationNumber) =>
        new([
            CheckIban(fields, invoice),
            CheckAmount(fields, invoice),
            CheckPurpose(fields, applicationNumber),
            CheckDate(fields, invoice),
        ]);

    /// <summary>
    /// Whether <paramref name="purpose"/> quotes <paramref name="applicationNumber"/>, ignoring case, spaces and
    /// which dash was typed (or none); a Cyrillic «ВН» typed for «VN» counts too. A longer number does not match.
    /// </summary>
    public static bool PurposeQuotes(string purpose, string applicationNumber)
    {
        var number = Squash(applicationNumber);
        if (number.Length == 0)
        {
            return false;
        }

        var pattern = new StringBuilder("(?<![0-9])");
        foreach (var c in number)
        {
            pattern.Append(c switch
            {
                'V' => "[VВ]",
                'N' => "[NН]",
                _ => Regex.Escape(c.ToString()),
            });
        }

        pattern.Append("(?![0-9])");
        return Regex.IsMatch(Squash(purpose), pattern.ToString(), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    private static ReceiptCheck CheckIban(ReceiptFields fields, Invoice invoice) => fields.PayeeIban switch
    {
        null => new(ReceiptCheckKind.PayeeIban, false, "IBAN отримувача у квитанції не знайдено."),
        var iban when iban == invoice.Iban => new(ReceiptCheckKind.PayeeIban, true, $"IBAN отримувача {iban} збігається з рахунком ОСР."),
        var iban => new(ReceiptCheckKind.PayeeIban, false, $"IBAN отримувача {iban} не збігається з рахунком ОСР {invoice.Iban}."),
    };

    private static ReceiptCheck CheckAmount(ReceiptFields fields, Invoice invoice) => fields.Amount switch
    {
        null => new(ReceiptCheckKind.Amount, false, "Суму платежу у квитанції не знайдено."),
        var amount when amount.Value >= invoice.Amount =>
            new(ReceiptCheckKind.Amount, true, $"Сума {Uah(amount.Value)} не менша за рахунок {Uah(invoice.Amount)}."),
        var amount => new(ReceiptCheckKind.Amount, false, $"Сума {Uah(amount.Value)} менша за рахунок {Uah(invoice.Amount)}."),
    };

    private static ReceiptCheck CheckPurpose(ReceiptFields fields, string applicationNumber) => fields.Purpose switch
    {
        null => new(ReceiptCheckKind.Purpose, false, "Призначення платежу у квитанції не знайдено."),
        var purpose when PurposeQuotes(purpose, applicationNumber) =>
            new(ReceiptCheckKind.Purpose, true, $"Призначення платежу містить номер заяви {applicationNumber}."),
        var purpose => new(ReceiptCheckKind.Purpose, false,
            $"Призначення платежу не містить номера заяви {applicationNumber}: «{ReceiptFields.Shorten(purpose, 200)}»."),
    };

    private static ReceiptCheck CheckDate(ReceiptFields fields, Invoice invoice)
    {
        var invoiceDate = KyivTime.DateOf(invoice.IssuedAt);
        return fields.PaymentDate switch
        {
            null => new(ReceiptCheckKind.PaymentDate, false, "Дату платежу у квитанції не знайдено."),
            var date when date.Value >= invoiceDate =>
                new(ReceiptCheckKind.PaymentDate, true, $"Дата платежу {Day(date.Value)} не раніша за дату рахунку {Day(invoiceDate)}."),
            var date => new(ReceiptCheckKind.PaymentDate, false, $"Дата платежу {Day(date.Value)} раніша за дату рахунку {Day(invoiceDate)}."),
        };
    }

    private static string Squash(string text) =>
        string.Concat(ReceiptTextNormalizer.ForMatching(text).Where(c => !char.IsWhiteSpace(c) && c is not ('-' or '_' or '/' or '.'))).ToUpperInvariant();

    private static string Uah(Money money) => money.ToString(null, Ukrainian);

    private static string Day(NodaTime.LocalDate date) => date.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);
}
