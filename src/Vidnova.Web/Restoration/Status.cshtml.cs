using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using NodaTime;
using QRCoder;
using Vidnova.Calendar;
using Vidnova.Hosting;
using Vidnova.Localization;
using Vidnova.Persistence;
using Vidnova.Problems;
using Vidnova.Restoration.EmailConfirmation;
using Vidnova.Restoration.Receipts;

namespace Vidnova.Restoration;

/// <summary>
/// The customer's proof of access to one application: the access token from the email link, kept in an HttpOnly
/// cookie scoped to that application's pages, so the token leaves the address bar after the first visit.
/// </summary>
internal static class CustomerAccessCookie
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(90);

    public static string Name(Guid applicationId) => $"vidnova.app.{applicationId:N}";

    public static string Path(Guid applicationId) => $"/restoration/{applicationId}";

    public static string? Read(HttpRequest request, Guid applicationId) =>
        request.Cookies.TryGetValue(Name(applicationId), out var token) && !string.IsNullOrEmpty(token) ? token : null;

    public static void Write(HttpResponse response, Guid applicationId, string accessToken) =>
        response.Cookies.Append(Name(applicationId), accessToken, new CookieOptions
        {
            Path = Path(applicationId),
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = response.HttpContext.Request.IsHttps,
            IsEssential = true,
            MaxAge = Lifetime,
        });
}

/// <summary>One step of the restoration journey as the customer sees it.</summary>
internal sealed record JourneyStep(string Title, string? Detail, JourneyStepState State);

internal enum JourneyStepState
{
    Done,
    Current,
    Todo,
}

/// <summary>The customer's page of one restoration application: where it stands, what to do now, and its history.</summary>
[RequestSizeLimit(MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
internal sealed class StatusModel(
    VidnovaDbContext db,
    IClock clock,
    ConfirmEmail confirmEmail,
    ResendConfirmationCode resendConfirmationCode,
    SubmitReceipt submitReceipt,
    RateLimits limits,
    IStringLocalizer<SharedResource> t) : PageModel, IShowsRefusals
{
    /// <summary>Room for a receipt a little over the limit, so the customer gets our sentence rather than a bare 413.</summary>
    public const long MaxRequestBytes = 2 * ReceiptFormat.MaxBytes;

    public RestorationApplication? Application { get; private set; }

    public string? CodeError { get; private set; }

    public string? ReceiptError { get; private set; }

    public string? EnteredCode { get; private set; }

    [TempData]
    public string? SuccessMessage { get; set; }

    public LocalDate Today { get; private set; }

    public string? QrImageDataUri { get; private set; }

    public string? QrLink { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string? token, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(token))
        {
            // The link from an email: remember the token in the cookie, then show the page without it in the address.
            var fromLink = await TryLoadAsync(id, token, cancellationToken);
            if (fromLink is not null)
            {
                CustomerAccessCookie.Write(Response, id, token);
                return Redirect(CustomerAccessCookie.Path(id));
            }
        }

        var application = await TryLoadAsync(id, CustomerAccessCookie.Read(Request, id), cancellationToken);
        if (application is null)
        {
            return NoAccess();
        }

        if (!string.IsNullOrEmpty(token))
        {
            return Redirect(CustomerAccessCookie.Path(id));
        }

        Show(application);
        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync(Guid id, string? code, CancellationToken cancellationToken)
    {
        var token = CustomerAccessCookie.Read(Request, id);
        var application = await TryLoadAsync(id, token, cancellationToken);
        if (application is null)
        {
            return NoAccess();
        }

        EnteredCode = code;
        var digits = new string((code ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());
        if (digits.Length != 6 || !digits.All(char.IsAsciiDigit))
        {
            // Not a code at all: say so without spending one of the customer's attempts.
            CodeError = t["Введіть 6 цифр коду з листа."];
            return Redisplay(application);
        }

        await confirmEmail.HandleAsync(id, token, digits, cancellationToken);
        SuccessMessage = t["Email підтверджено. Рахунок за послугу відновлення — нижче і у вашій пошті."];
        return Redirect(CustomerAccessCookie.Path(id));
    }

    /// <summary>The way out once the code attempts have run out (or the email never came): a new code by email.</summary>
    public async Task<IActionResult> OnPostResendAsync(Guid id, CancellationToken cancellationToken)
    {
        var token = CustomerAccessCookie.Read(Request, id);
        var application = await TryLoadAsync(id, token, cancellationToken);
        if (application is null)
        {
            return NoAccess();
        }

        await resendConfirmationCode.HandleAsync(id, token, cancellationToken);
        SuccessMessage = t["Ми надіслали новий код на ваш email. Попередній код більше не діє."];
        return Redirect(CustomerAccessCookie.Path(id));
    }

    public async Task<IActionResult> OnPostReceiptAsync(Guid id, IFormFile? file, CancellationToken cancellationToken)
    {
        var token = CustomerAccessCookie.Read(Request, id);
        var application = await TryLoadAsync(id, token, cancellationToken);
        if (application is null)
        {
            return NoAccess();
        }

        limits.ReceiptFor(HttpContext, id);
        if (file is null || file.Length == 0 && string.IsNullOrEmpty(file.FileName))
        {
            ReceiptError = t["Виберіть файл квитанції: PDF, JPEG або PNG до 10 МБ."];
            return Redisplay(application);
        }

        if (file.Length > ReceiptFormat.MaxBytes)
        {
            ReceiptError = ProblemTexts.Localize(HttpContext,
                "Файл більший за 10 МБ. Надішліть PDF з банківського застосунку або зменшене фото квитанції.");
            return Redisplay(application);
        }

        await using (var stream = file.OpenReadStream())
        {
            await submitReceipt.HandleAsync(id, token, file.FileName, stream, cancellationToken);
        }

        SuccessMessage = t["Квитанцію отримано. Ми перевіримо її й передамо заявку ОСР — повідомимо на email."];
        return Redirect(CustomerAccessCookie.Path(id));
    }

    /// <summary>
    /// A refused confirmation, new code or receipt: the sentence beside its form. A conflict over the code (already
    /// confirmed, for example through the button in the email) needs no sentence: the page shows where things stand.
    /// </summary>
    public async Task<IActionResult> ShowRefusalAsync(PageRefusal refusal, CancellationToken cancellationToken)
    {
        var id = Guid.Parse(RouteData.Values["id"]!.ToString()!);
        if (refusal.Handler is "Confirm" or "Resend" && refusal.Category == RefusalCategory.Conflict)
        {
            return Redirect(CustomerAccessCookie.Path(id));
        }

        var application = await TryLoadAsync(id, CustomerAccessCookie.Read(Request, id), cancellationToken);
        if (application is null)
        {
            return NoAccess();
        }

        if (refusal.Handler == "Receipt")
        {
            ReceiptError = refusal.Sentence;
        }
        else
        {
            CodeError = refusal.Sentence;
        }

        Show(application);
        return Page();
    }

    /// <summary>The journey in five steps, from the application's own facts (so a cancelled one still shows how far it got).</summary>
    public IReadOnlyList<JourneyStep> Journey()
    {
        var a = Application!;
        var receiptSent = a.Status is ApplicationStatus.ReceiptUnderReview or ApplicationStatus.SentToDso or ApplicationStatus.InProgressAtDso
            or ApplicationStatus.Restored or ApplicationStatus.RejectedByDso;
        var receiptChecked = a.Receipts.Any(r => r.Decision == ReceiptDecision.Approved);
        var dsoReceived = a.DsoRequest?.ReceivedAt is not null || a.Status == ApplicationStatus.Restored;
        var restored = a.Status == ApplicationStatus.Restored;
        bool[] done = [a.EmailConfirmedAt is not null, receiptSent, receiptChecked, dsoReceived, restored];

        var workingDays = RestorationDeadline.WorkingDaysAllowed(a.Settlement);
        string?[] details =
        [
            a.EmailConfirmedAt is { } confirmed ? DateTimeText(confirmed) : t["Введіть код з листа або натисніть кнопку в ньому."].Value,
            a.Invoice is { } invoice ? t["Рахунок ОСР: {0}", invoice.Amount.ToString()].Value : null,
            null,
            a.DsoRequest?.Deadline is { } deadline
                ? t["Відновити до {0} включно", LongDate(deadline)].Value
                : t["ОСР має відновити електропостачання протягом {0} робочих днів після отримання заявки", workingDays].Value,
            a.DsoRequest?.CompletedAt is { } completed && restored ? DateTimeText(completed) : null,
        ];
        string[] titles =
        [
            t["Підтвердження email"],
            t["Оплата рахунку ОСР і квитанція"],
            t["Перевірка квитанції"],
            t["Отримання заявки ОСР"],
            t["Відновлення електропостачання"],
        ];

        var current = a.IsOpen ? Array.IndexOf(done, false) : -1;
        return titles.Select((title, i) => new JourneyStep(title, details[i],
            done[i] ? JourneyStepState.Done : i == current ? JourneyStepState.Current : JourneyStepState.Todo)).ToList();
    }

    public bool Overdue => Application!.IsOverdue(Today);

    public Receipt? RejectedReceipt =>
        Application is { Status: ApplicationStatus.AwaitingPayment } a ? a.Receipts.LastOrDefault(r => r.Decision == ReceiptDecision.Rejected) : null;

    public string StatusBadgeClass => Application!.Status switch
    {
        ApplicationStatus.AwaitingEmailConfirmation or ApplicationStatus.AwaitingPayment => "badge badge-warn",
        ApplicationStatus.Restored => "badge badge-ok",
        ApplicationStatus.RejectedByDso => "badge badge-bad",
        ApplicationStatus.Cancelled => "badge badge-muted",
        _ => "badge",
    };

    public static string LongDate(LocalDate date) => date.ToString("d MMMM yyyy", CultureInfo.CurrentCulture);

    public static string IsoDate(LocalDate date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string DateTimeText(Instant instant) =>
        instant.InZone(KyivTime.Zone).LocalDateTime.ToString("g", CultureInfo.CurrentCulture);

    public static string IsoDateTime(Instant instant) =>
        instant.InZone(KyivTime.Zone).ToDateTimeOffset().ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>An IBAN in groups of four for reading (copying takes it without spaces).</summary>
    public static string IbanForReading(string iban) =>
        string.Join(' ', Enumerable.Range(0, (iban.Length + 3) / 4).Select(i => iban.Substring(i * 4, Math.Min(4, iban.Length - i * 4))));

    /// <summary>The amount as a bank app's amount field takes it: no grouping, the culture's decimal separator.</summary>
    public static string AmountForCopy(Invoice invoice) => invoice.Amount.Amount.ToString("0.00", CultureInfo.CurrentCulture);

    /// <summary>Who did it, as the customer should read it (staff logins and DSO codes stay in the back office).</summary>
    public string ActorName(Actor actor) => actor.Kind switch
    {
        ActorKind.Customer => t["Ви"],
        ActorKind.System => t["Віднова"],
        ActorKind.Dso or ActorKind.DsoStatement => t["ОСР"],
        _ => t["Працівник постачальника"],
    };

    /// <summary>A short localised title per kind of event; its sentence (<see cref="TimelineText"/>) is shown beneath it.</summary>
    public string EventTitle(string kind) => kind switch
    {
        "submitted" => t["Заяву подано"],
        "email_confirmed" => t["Email підтверджено"],
        "confirmation_code_resent" => t["Надіслано новий код підтвердження"],
        "invoice_issued" => t["Виставлено рахунок ОСР"],
        "receipt_received" => t["Квитанцію отримано"],
        "receipt_approved" => t["Квитанцію підтверджено"],
        "receipt_rejected" => t["Квитанцію відхилено"],
        "sent_to_dso" => t["Заявку передано ОСР"],
        "dso_received" => t["ОСР отримав заявку"],
        "dso_completed" => t["Електропостачання відновлено"],
        "dso_rejected" => t["ОСР відмовив"],
        "cancelled" => t["Заяву скасовано"],
        "receipt_verified" => t["Квитанцію перевірено автоматично"],
        "receipt_check_failed" => t["Автоматична перевірка не пройдена"],
        "receipt_needs_operator" => t["Квитанцію передано оператору"],
        "sla_breached" => t["ОСР порушив строк — вам належить компенсація"],
        "dso_reminded" => t["ОСР нагадано про строк"],
        "dso_delivery_retried" => t["Передачу ОСР повторено"],
        _ => kind,
    };

    private PageResult Redisplay(RestorationApplication application)
    {
        Show(application);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private void Show(RestorationApplication application)
    {
        Application = application;
        Today = KyivTime.DateOf(clock.GetCurrentInstant());
        if (application is { Status: ApplicationStatus.AwaitingPayment, Invoice: { } invoice })
        {
            QrLink = PaymentQr.Link(invoice);
            QrImageDataUri = "data:image/png;base64," + Convert.ToBase64String(QrPng(QrLink));
        }
    }

    private static byte[] QrPng(string link)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(link, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(6);
    }

    /// <summary>No or a wrong token: the same friendly page either way, so ids cannot be probed.</summary>
    private PageResult NoAccess()
    {
        Application = null;
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }

    private async Task<RestorationApplication?> TryLoadAsync(Guid id, string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        try
        {
            return await ApplicationAccess.LoadForCustomerAsync(db, id, token, cancellationToken);
        }
        catch (NotFoundException)
        {
            return null;
        }
    }
}
