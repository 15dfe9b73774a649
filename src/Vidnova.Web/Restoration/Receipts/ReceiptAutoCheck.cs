namespace Vidnova.Restoration.Receipts;

public enum ReceiptAutoCheckOutcome
{
    /// <summary>Every check passed and automatic approval is on: the request goes to the DSO now.</summary>
    Approved,

    /// <summary>Every check passed, but a receipt does not approve (<c>Receipts:AutoApprove</c> is <c>statement</c> or <c>off</c>).</summary>
    PassedAwaitingOperator,

    /// <summary>At least one check failed.</summary>
    ChecksFailed,

    /// <summary>A PDF with no text layer: a scan or a photo saved as PDF.</summary>
    NoTextLayer,

    /// <summary>A PDF that could not be read (damaged, encrypted…).</summary>
    UnreadablePdf,

    /// <summary>The reader process crashed, hit a limit or timed out on this PDF: it was not read automatically.</summary>
    NotReadAutomatically,

    /// <summary>A photo or screenshot (JPEG, PNG): only PDFs are read automatically.</summary>
    Image,
}

/// <summary>What the automatic check made of a receipt, and the system's timeline entry about it.</summary>
internal sealed record ReceiptAssessment(ReceiptAutoCheckOutcome Outcome, ReceiptFields? Fields, ReceiptVerificationResult? Verification)
{
    public const string VerifiedKind = "receipt_verified";
    public const string CheckFailedKind = "receipt_check_failed";
    public const string NeedsOperatorKind = "receipt_needs_operator";

    public bool ApproveAutomatically => Outcome == ReceiptAutoCheckOutcome.Approved;

    /// <summary><c>receipt_verified</c>, <c>receipt_check_failed</c> or <c>receipt_needs_operator</c>.</summary>
    public string TimelineKind => Outcome switch
    {
        ReceiptAutoCheckOutcome.Approved or ReceiptAutoCheckOutcome.PassedAwaitingOperator => VerifiedKind,
        ReceiptAutoCheckOutcome.ChecksFailed => CheckFailedKind,
        _ => NeedsOperatorKind,
    };

    /// <summary>The whole finding in Ukrainian, as staff read it: what was read, each check with its reason, and what happens next.</summary>
    public string Describe()
    {
        var description = Outcome switch
        {
            ReceiptAutoCheckOutcome.Approved => $"Автоматична перевірка квитанції: усі перевірки пройдено. {Details()}",
            ReceiptAutoCheckOutcome.PassedAwaitingOperator =>
                $"Автоматична перевірка квитанції: усі перевірки пройдено; квитанція сама оплату не підтверджує — заявку передамо ОСР після підтвердження оплати банківською випискою ОСР або оператором. {Details()}",
            ReceiptAutoCheckOutcome.ChecksFailed =>
                $"Автоматична перевірка не пройдена ({string.Join(" ", Verification!.Failed.Select(c => c.Explanation))}) — квитанцію перевірить оператор. {Details()}",
            ReceiptAutoCheckOutcome.NoTextLayer =>
                "PDF без текстового шару (скан або фото) — автоматично прочитати квитанцію не можна, її перевірить оператор.",
            ReceiptAutoCheckOutcome.UnreadablePdf => "PDF не вдалося прочитати (пошкоджений або захищений паролем) — квитанцію перевірить оператор.",
            ReceiptAutoCheckOutcome.NotReadAutomatically =>
                "PDF не вдалося прочитати автоматично: його читання перервано (файл надто складний або пошкоджений) — квитанцію перевірить оператор.",
            _ => "Квитанцію надіслано як зображення; автоматично перевіряються лише PDF з банківського застосунку — її перевірить оператор.",
        };
        return ReceiptFields.Shorten(description, 2000);
    }

    private string Details() =>
        $"Прочитано з квитанції — {Fields!.Describe()}. Перевірки: "
        + string.Join(" ", Verification!.Checks.Select(c => (c.Passed ? "✓ " : "✗ ") + c.Explanation));

    /// <summary>
    /// The facts of the timeline entry: the outcome, and for staff only what was read and each check with its reason
    /// (the customer's sentence says the outcome and what happens next, see <see cref="TimelineText"/>).
    /// </summary>
    public IReadOnlyList<(string Key, string Value)> TimelineData()
    {
        List<(string, string)> data = [("outcome", OutcomeName(Outcome))];
        if (Verification is { } verification && Fields is { } fields)
        {
            data.Add(("failed", ReceiptFields.Shorten(string.Join(" ", verification.Failed.Select(c => c.Explanation)), 600)));
            data.Add(("read", ReceiptFields.Shorten(fields.Describe(), 800)));
            data.Add(("checks", ReceiptFields.Shorten(string.Join(" ", verification.Checks.Select(c => (c.Passed ? "✓ " : "✗ ") + c.Explanation)), 800)));
        }

        return data;
    }

    public static string OutcomeName(ReceiptAutoCheckOutcome outcome) => outcome switch
    {
        ReceiptAutoCheckOutcome.Approved => "approved",
        ReceiptAutoCheckOutcome.PassedAwaitingOperator => "passed_awaiting_operator",
        ReceiptAutoCheckOutcome.ChecksFailed => "checks_failed",
        ReceiptAutoCheckOutcome.NoTextLayer => "no_text_layer",
        ReceiptAutoCheckOutcome.UnreadablePdf => "unreadable_pdf",
        ReceiptAutoCheckOutcome.NotReadAutomatically => "not_read_automatically",
        _ => "image",
    };
}

/// <summary>
/// The decision on a newly uploaded receipt, free of I/O: given the PDF's text layer (read by the reader process),
/// verify it against the invoice, and approve without an operator only when every check passed and automatic
/// approval is on.
/// </summary>
internal static class ReceiptAutoCheck
{
    /// <param name="pdf">What the reader process found in a PDF; null when it could not read it (crash, limit, timeout).</param>
    public static ReceiptAssessment Assess(string contentType, PdfTextReading? pdf, Invoice invoice, string applicationNumber, bool autoApprove)
    {
        if (contentType != "application/pdf")
        {
            return new(ReceiptAutoCheckOutcome.Image, null, null);
        }

        if (pdf is null)
        {
            return new(ReceiptAutoCheckOutcome.NotReadAutomatically, null, null);
        }

        var text = pdf.Text;
        if (text is null)
        {
            return new(ReceiptAutoCheckOutcome.UnreadablePdf, null, null);
        }

        if (text.IsEmpty)
        {
            return new(ReceiptAutoCheckOutcome.NoTextLayer, null, null);
        }

        return Assess(ReceiptFields.Parse(text), invoice, applicationNumber, autoApprove);
    }

    public static ReceiptAssessment Assess(ReceiptFields fields, Invoice invoice, string applicationNumber, bool autoApprove)
    {
        var verification = ReceiptVerification.Verify(fields, invoice, applicationNumber);
        var outcome = !verification.Passed ? ReceiptAutoCheckOutcome.ChecksFailed
            : autoApprove ? ReceiptAutoCheckOutcome.Approved
            : ReceiptAutoCheckOutcome.PassedAwaitingOperator;
        return new(outcome, fields, verification);
    }
}
