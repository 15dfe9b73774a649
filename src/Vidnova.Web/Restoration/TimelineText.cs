using System.Globalization;
using Microsoft.Extensions.Localization;
using NodaTime;
using NodaTime.Text;
using Vidnova.Kernel;
using Vidnova.Localization;
using Vidnova.Restoration.Receipts;

namespace Vidnova.Restoration;

/// <summary>Who reads a timeline: the customer (what they did and what happens next) or staff (everything).</summary>
internal enum TimelineAudience
{
    Customer,
    Staff,
}

/// <summary>
/// Turns the structured timeline into sentences in the request's language (Ukrainian, or English from
/// <c>SharedResource.en.resx</c>) for one audience. Customers are not shown the field-by-field receipt check, OCR
/// readings, bank statement lines, delivery retries or DSO codes; staff see all of it.
/// </summary>
internal sealed class TimelineText(IStringLocalizer<SharedResource> t)
{
    private static readonly LocalDatePattern Iso = LocalDatePattern.Iso;

    public static string IsoDate(LocalDate date) => Iso.Format(date);

    /// <summary>The entries this audience sees, oldest first, each with its sentence.</summary>
    public IReadOnlyList<(TimelineEntry Entry, string Description)> For(IEnumerable<TimelineEntry> timeline, TimelineAudience audience) =>
        timeline.OrderBy(e => e.At)
            .Select(e => (Entry: e, Description: Describe(e, audience)))
            .Where(x => x.Description is not null)
            .Select(x => (x.Entry, x.Description!))
            .ToList();

    /// <summary>The sentence for one entry, or null when the audience is not shown it.</summary>
    public string? Describe(TimelineEntry entry, TimelineAudience audience)
    {
        var data = entry.Values();
        var staff = audience == TimelineAudience.Staff;
        string Value(string key) => data.TryGetValue(key, out var value) ? value : "";
        bool Has(string key) => data.TryGetValue(key, out var value) && !string.IsNullOrEmpty(value);

        if (data.TryGetValue(TimelineEntry.LegacyText, out var legacy))
        {
            // Written before the timeline was structured: the stored sentence as it was, except that customers get
            // the plain sentence of the kinds whose old text was internal (receipt checks, statement lines, DSO codes).
            return staff ? legacy : CustomerSentenceWithoutData(entry.Kind) ?? legacy;
        }

        return entry.Kind switch
        {
            "submitted" => L("Заяву {0} подано; код підтвердження надіслано на {1}.", Value("number"), Value("email")),
            "email_confirmed" => L("Email {0} підтверджено.", Value("email")),
            "confirmation_code_resent" => L("Новий код підтвердження надіслано на {0}.", Value("email")),
            "invoice_issued" => L("Виставлено рахунок ОСР «{0}» на {1}; призначення: {2}.", Value("recipient"), Amount(Value("amount")), Value("purpose")),
            "receipt_received" => Value("channel") == "email"
                ? L("Отримано листом квитанцію «{0}» ({1} КБ).", Value("file"), Value("kb"))
                : L("Отримано квитанцію «{0}» ({1} КБ).", Value("file"), Value("kb")),
            "receipt_set_aside" => L("Квитанцію «{0}» з листа, знайденого лише за номером заяви, відкладено: клієнт сам завантажив квитанцію.", Value("file")),
            "receipt_ocr" => staff
                ? L("Розпізнано текст квитанції «{0}» (OCR — лише підказка оператору, цифри звірте з файлом): {1}", Value("file"), Value("reading"))
                : null,
            ReceiptAssessment.VerifiedKind or ReceiptAssessment.CheckFailedKind or ReceiptAssessment.NeedsOperatorKind =>
                ReceiptCheck(Value("outcome"), staff && Has("checks") ? data : null),
            "email_received" => Value("text"),
            "receipt_approved" => Value("automatic") == "true"
                ? L("Квитанцію підтверджено автоматично: IBAN, сума, призначення й дата платежу відповідають рахунку.")
                : L("Квитанцію підтверджено."),
            "payment_confirmed" => staff
                ? L("Оплату підтверджено банківською випискою ОСР: {0}.", Value("line"))
                : L("Оплату підтверджено банківською випискою ОСР."),
            "sent_to_dso" => staff
                ? L("Заявку на відновлення передано ОСР ({0}).", Value("dso"))
                : Has("dsoName") ? L("Заявку на відновлення передано ОСР «{0}».", Value("dsoName")) : L("Заявку на відновлення передано ОСР."),
            "receipt_rejected" => L("Квитанцію відхилено: {0}", Value("reason")),
            "dso_received" => Value("late") == "true"
                ? L("ОСР підтвердив отримання заявки після звіту про результат; граничний строк відновлення — {0}.", Date(Value("deadline")))
                : L("ОСР отримав заявку; граничний строк відновлення — {0}.", Date(Value("deadline"))),
            "dso_reminded" => staff ? L("ОСР нагадано: граничний строк відновлення — {0}.", Date(Value("deadline"))) : null,
            "dso_delivery_retried" => staff
                ? L("Передачу ОСР ({0}) відновлено вручну після {1} невдалих спроб.", Value("event"), Value("attempts"))
                : null,
            "dso_completed" => staff && Value("unacknowledged") == "true"
                ? L("ОСР повідомив: електропостачання відновлено (без попереднього підтвердження отримання заявки).")
                : L("ОСР повідомив: електропостачання відновлено."),
            "dso_rejected" => L("ОСР відмовив у відновленні: {0}", Value("reason")),
            "cancelled" => Has("reason") ? L("Заяву скасовано: {0}", Value("reason")) : L("Заяву скасовано."),
            "sla_breached" => L("ОСР не відновив електропостачання до {0} включно. Споживачу належить компенсація {1} (постанова НКРЕКП № 375); ОСР зараховує її протягом 45 днів.",
                Date(Value("deadline")), Amount(Value("compensation"))),
            _ => entry.Kind,
        };
    }

    /// <summary>What the customer reads of an old entry whose stored text was meant for staff.</summary>
    private string? CustomerSentenceWithoutData(string kind) => kind switch
    {
        ReceiptAssessment.VerifiedKind => L("Автоматична перевірка квитанції завершена."),
        ReceiptAssessment.CheckFailedKind => L("Автоматична перевірка не пройдена — квитанцію перевірить оператор."),
        ReceiptAssessment.NeedsOperatorKind => L("Квитанцію перевірить оператор."),
        "payment_confirmed" => L("Оплату підтверджено банківською випискою ОСР."),
        "sent_to_dso" => L("Заявку на відновлення передано ОСР."),
        "receipt_ocr" => L("Квитанцію розпізнано автоматично — її перевірить оператор."),
        _ => null,
    };

    /// <param name="details">For staff: what was read and every check; null for the customer.</param>
    private string ReceiptCheck(string outcome, IReadOnlyDictionary<string, string>? details)
    {
        var sentence = outcome switch
        {
            "approved" => L("Автоматична перевірка квитанції: усі перевірки пройдено."),
            "passed_awaiting_operator" => L("Автоматична перевірка квитанції: усі перевірки пройдено; квитанція сама оплату не підтверджує — заявку передамо ОСР після підтвердження оплати банківською випискою ОСР або оператором."),
            "checks_failed" => details is null
                ? L("Автоматична перевірка не пройдена — квитанцію перевірить оператор.")
                : L("Автоматична перевірка не пройдена ({0}) — квитанцію перевірить оператор.", details["failed"]),
            "no_text_layer" => L("PDF без текстового шару (скан або фото) — автоматично прочитати квитанцію не можна, її перевірить оператор."),
            "unreadable_pdf" => L("PDF не вдалося прочитати (пошкоджений або захищений паролем) — квитанцію перевірить оператор."),
            "not_read_automatically" => L("PDF не вдалося прочитати автоматично: його читання перервано (файл надто складний або пошкоджений) — квитанцію перевірить оператор."),
            _ => L("Квитанцію надіслано як зображення; автоматично перевіряються лише PDF з банківського застосунку — її перевірить оператор."),
        };
        return details is null ? sentence : sentence + " " + L("Прочитано з квитанції — {0}. Перевірки: {1}", details["read"], details["checks"]);
    }

    private static string Amount(string invariant) =>
        decimal.TryParse(invariant, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount) && Money.TryParse(amount, out var money)
            ? money.ToString(null, CultureInfo.CurrentUICulture)
            : invariant;

    private static string Date(string iso) =>
        Iso.Parse(iso) is { Success: true } parsed ? parsed.Value.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture) : iso;

    private string L(string format, params object[] arguments) => t[format, arguments].Value;
}
