using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using NodaTime;
using QRCoder;
using Vidnova.Calendar;
using Vidnova.Customers;
using Vidnova.Hosting;
using Vidnova.Localization;
using Vidnova.Persistence;
using Vidnova.Problems;
using Vidnova.Restoration.Cabinet;
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

/// <summary>
/// The signed link of a later email (<see cref="ApplicationLinks"/>), kept like the access token in an HttpOnly cookie
/// scoped to the application's pages until the link expires, so the page's forms work on the device that opened it.
/// </summary>
public static class ApplicationLinkCookie
{
    public static string Name(Guid applicationId) => $"vidnova.link.{applicationId:N}";

    public static string? Read(HttpRequest request, Guid applicationId) =>
        request.Cookies.TryGetValue(Name(applicationId), out var link) && !string.IsNullOrEmpty(link) ? link : null;

    public static void Write(HttpResponse response, Guid applicationId, string link, TimeSpan lifetime) =>
        response.Cookies.Append(Name(applicationId), link, new CookieOptions
        {
            Path = CustomerAccessCookie.Path(applicationId),
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = response.HttpContext.Request.IsHttps,
            IsEssential = true,
            MaxAge = lifetime,
        });
}

/// <summary>How the visitor may open the application: its access token, a signed email link, or a cabinet login linked to its account.</summary>
/// <param name="Token">The access token, when that is the proof: only then may the email be confirmed or a new code asked for.</param>
/// <param name="LoginId">The cabinet login, when that is the proof.</param>
internal sealed record ApplicationVisitor(RestorationApplication Application, string? Token, Guid? LoginId)
{
    public Actor Actor => LoginId is { } login ? Actors.CustomerLogin(login) : Actors.Customer;
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
    CabinetApplications cabinetApplications,
    ApplicationLinks links,
    TimeProvider time,
    IOptions<RestorationOptions> options,
    RateLimits limits,
    IStringLocalizer<SharedResource> t) : PageModel, IShowsRefusals
{
    /// <summary>Room for a receipt a little over the limit, so the customer gets our sentence rather than a bare 413.</summary>
    public const long MaxRequestBytes = 2 * ReceiptFormat.MaxBytes;

    public RestorationApplication? Application { get; private set; }

    public ApplicationVisitor? Visitor { get; private set; }

    public int LapseHours => options.Value.UnconfirmedLapseHours;

    /// <summary>The page was opened with an email's signed link that no longer works (expired or not this application's).</summary>
    public bool StaleLink { get; private set; }

    public string? CodeError { get; private set; }

    public string? ReceiptError { get; private set; }

    public string? EnteredCode { get; private set; }

    [TempData]
    public string? SuccessMessage { get; set; }

    public LocalDate Today { get; private set; }

    public string? QrImageDataUri { get; private set; }

    public string? QrLink { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string? token, string? link, CancellationToken cancellationToken)
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

        if (!string.IsNullOrEmpty(link))
        {
            // A later email's signed link: the same, for as long as the link lasts.
            if (links.ValidUntil(id, link) is { } until)
            {
                ApplicationLinkCookie.Write(Response, id, link, until - time.GetUtcNow());
                return Redirect(CustomerAccessCookie.Path(id));
            }

            StaleLink = true;
        }

        var visitor = await TryVisitorAsync(id, cancellationToken);
        if (visitor is null)
        {
            return NoAccess();
        }

        if (!string.IsNullOrEmpty(token) || !string.IsNullOrEmpty(link))
        {
            return Redirect(CustomerAccessCookie.Path(id));
        }

        Show(visitor);
        return Page();
    }

    /// <summary>
    /// What the page's script polls: a stamp that changes whenever the page would (the status, a new history entry),
    /// so the page is fetched again only then; the same access as the page, never cached.
    /// </summary>
    public async Task<IActionResult> OnGetLiveAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await TryVisitorAsync(id, cancellationToken) is not { } visitor)
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "no-store";
        var application = visitor.Application;
        return new JsonResult(new { status = application.Status.ToString(), stamp = Stamp(application), final = IsFinal(application.Status) });
    }

    public static string Stamp(RestorationApplication application) =>
        FormattableString.Invariant($"{application.Status}:{application.Timeline.Count}");

    /// <summary>Nothing the customer sees changes any more, so the page stops asking.</summary>
    public static bool IsFinal(ApplicationStatus status) =>
        status is ApplicationStatus.Restored or ApplicationStatus.RejectedByDso or ApplicationStatus.Cancelled;

    public async Task<IActionResult> OnPostConfirmAsync(Guid id, string? code, CancellationToken cancellationToken)
    {
        var visitor = await TryVisitorAsync(id, cancellationToken);
        if (visitor is not { Token: { } token, Application: var application })
        {
            return NoAccess();
        }

        EnteredCode = code;
        var digits = new string((code ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());
        if (digits.Length != 6 || !digits.All(char.IsAsciiDigit))
        {
            // Not a code at all: say so without spending one of the customer's attempts.
            CodeError = t["Введіть 6 цифр коду з листа."];
            return Redisplay(visitor);
        }

        await confirmEmail.HandleAsync(id, token, digits, cancellationToken);
        SuccessMessage = t["Email підтверджено. Рахунок за послугу відновлення — нижче і у вашій пошті."];
        return Redirect(CustomerAccessCookie.Path(id));
    }

    /// <summary>The way out once the code attempts have run out (or the email never came): a new code by email.</summary>
    public async Task<IActionResult> OnPostResendAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await TryVisitorAsync(id, cancellationToken) is not { Token: { } token })
        {
            return NoAccess();
        }

        await resendConfirmationCode.HandleAsync(id, token, cancellationToken);
        SuccessMessage = t["Ми надіслали новий код на ваш email. Попередній код більше не діє."];
        return Redirect(CustomerAccessCookie.Path(id));
    }

    public async Task<IActionResult> OnPostReceiptAsync(Guid id, IFormFile? file, CancellationToken cancellationToken)
    {
        var visitor = await TryVisitorAsync(id, cancellationToken);
        if (visitor is null)
        {
            return NoAccess();
        }

        limits.ReceiptFor(HttpContext, id);
        if (file is null || file.Length == 0 && string.IsNullOrEmpty(file.FileName))
        {
            ReceiptError = t["Виберіть файл квитанції: {0}.", t[ReceiptFormat.Described]];
            return Redisplay(visitor);
        }

        if (file.Length > ReceiptFormat.MaxBytes)
        {
            ReceiptError = ProblemTexts.Localize(HttpContext,
                "Файл більший за 10 МБ. Надішліть PDF з банківського застосунку або зменшене фото квитанції.");
            return Redisplay(visitor);
        }

        await using (var stream = file.OpenReadStream())
        {
            await submitReceipt.HandleAsync(visitor.Application, file.FileName, stream, visitor.Actor, cancellationToken);
        }

        SuccessMessage = t["Квитанцію отримано. Ми перевіримо її й передамо заявку ОСР — повідомимо на email."];
        return Redirect(CustomerAccessCookie.Path(id));
    }

    /// <summary>
    /// The account's holder, signed in to the cabinet, withdraws an application nobody confirmed — typically one a
    /// stranger filed with their own email — so the holder may apply at once instead of waiting for it to lapse.
    /// </summary>
    public async Task<IActionResult> OnPostCancelAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await TryVisitorAsync(id, cancellationToken) is not { LoginId: not null } visitor)
        {
            return NoAccess();
        }

        visitor.Application.Cancel(visitor.Actor, "", clock.GetCurrentInstant());
        await db.SaveChangesAsync(cancellationToken);
        SuccessMessage = t["Заяву скасовано. Тепер ви можете подати нову заяву з особистого кабінету."];
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

        var visitor = await TryVisitorAsync(id, cancellationToken);
        if (visitor is null)
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

        Show(visitor);
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
        // Another login than the visitor's (or, for a visitor by email, than the one that filed it): the holder or family
        // acting from the cabinet on an application someone else opened.
        ActorKind.Customer when actor.Id is { } login && login != (Visitor?.LoginId ?? Application?.LoginId)?.ToString() => t["Клієнт в особистому кабінеті"],
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

    private PageResult Redisplay(ApplicationVisitor visitor)
    {
        Show(visitor);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private void Show(ApplicationVisitor visitor)
    {
        Visitor = visitor;
        var application = Application = visitor.Application;
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

    /// <summary>
    /// The application's access token (the first email's link), a later email's signed link, or the cabinet's cookie of
    /// a login linked to the account — in that order. The cabinet's cookie is not this page's default scheme (that is
    /// the staff cookie, for the back office), so it is asked for by name.
    /// </summary>
    private async Task<ApplicationVisitor?> TryVisitorAsync(Guid id, CancellationToken cancellationToken)
    {
        var token = CustomerAccessCookie.Read(Request, id);
        if (await TryLoadAsync(id, token, cancellationToken) is { } byToken)
        {
            return new ApplicationVisitor(byToken, token, null);
        }

        if (links.ValidUntil(id, ApplicationLinkCookie.Read(Request, id)) is not null
            && await db.Set<RestorationApplication>().SingleOrDefaultAsync(a => a.Id == id, cancellationToken) is { } byLink)
        {
            return new ApplicationVisitor(byLink, null, null);
        }

        var signedIn = await HttpContext.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        return signedIn.Succeeded && CustomerPrincipal.LoginIdOf(signedIn.Principal) is { } loginId
            && await cabinetApplications.TryFindAsync(loginId, id, cancellationToken) is { } byLogin
            ? new ApplicationVisitor(byLogin, null, loginId)
            : null;
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
