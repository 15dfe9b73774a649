using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Vidnova.Accounts;
using Vidnova.Calendar;
using Vidnova.Dso;
using Vidnova.Hosting;
using Vidnova.Kernel;
using Vidnova.Ledger;
using Vidnova.Persistence;
using Vidnova.Problems;
using Vidnova.Restoration.PaymentStatements;
using Vidnova.Restoration.Receipts;
using Vidnova.Restoration.Receipts.Ocr;
using Vidnova.UntrustedDocuments;

namespace Vidnova.Restoration.BackOffice;

/// <summary>One application as an operator sees it: account, invoice, receipts with a viewer and the decision, DSO request, timeline.</summary>
[Authorize(Policy = AuthorizationPolicies.Staff)]
internal sealed class ApplicationPageModel(VidnovaDbContext db, IClock clock, IAuthorizationService authorization, UntrustedDocumentReader reader, ILedger ledger,
    IPersonalAccounts accounts, IDsoDirectory dsos, IApplicationEmails emails)
    : PageModel, IShowsRefusals
{
    public const int MaxReasonLength = 1000;

    public RestorationApplication Application { get; private set; } = null!;

    public PersonalAccountSummary? Account { get; private set; }

    public Money AccountDebt { get; private set; }

    public string? DsoName { get; private set; }

    public LocalDate Today { get; private set; }

    /// <summary>The receipt shown in the viewer: the one asked for, else the one under review, else the latest.</summary>
    public Receipt? ShownReceipt { get; private set; }

    public bool CanDecide { get; private set; }

    /// <summary>What the automatic check reads from the shown receipt (a PDF with text), each field against the invoice.</summary>
    public ReceiptAssessment? ShownReceiptReading { get; private set; }

    /// <summary>The reading comes from OCR of a photo or scan, so the operator checks each figure against the file.</summary>
    public bool ShownReceiptReadByOcr { get; private set; }

    /// <summary>The customer's emails about this application, newest first.</summary>
    public IReadOnlyList<CustomerEmailRow> CustomerEmails { get; private set; } = [];

    /// <summary>Lines of the DSO's bank statements that quoted this application: the proof of payment, or why it is missing.</summary>
    public IReadOnlyList<PaymentStatementLine> StatementLines { get; private set; } = [];

    /// <summary>The oldest other application whose receipt waits for a decision, to move on to after deciding.</summary>
    public NextApplication? NextUnderReview { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    /// <summary>A decision was refused (rule, conflict); shown as an error alert above the decision forms.</summary>
    public string? DecisionError { get; private set; }

    /// <summary>Someone else changed the application between this page being opened and the decision.</summary>
    public bool Conflict { get; private set; }

    [BindProperty]
    public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, Guid? receipt, CancellationToken ct) =>
        await LoadAsync(id, receipt, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostApproveAsync(Guid id, Guid receiptId, uint version, [FromServices] DecideReceipt decide, CancellationToken ct)
    {
        if (!await MayDecideAsync())
        {
            return Forbid();
        }

        if (!await StillUndecidedAsync(id, receiptId, version, ct))
        {
            return await RedisplayAsync(id, ct);
        }

        return await DecideAsync(id, decide, approve: true, reason: null,
            "Квитанцію підтверджено, заявку передано ОСР. Клієнт отримає лист.", ct);
    }

    public async Task<IActionResult> OnPostRejectAsync(Guid id, Guid receiptId, uint version, [FromServices] DecideReceipt decide, CancellationToken ct)
    {
        if (!await MayDecideAsync())
        {
            return Forbid();
        }

        var reason = Reason?.Trim();
        if (string.IsNullOrEmpty(reason))
        {
            ModelState.AddModelError(nameof(Reason), "Вкажіть причину відхилення — клієнт побачить її в листі й зможе надіслати квитанцію повторно.");
        }
        else if (reason.Length > MaxReasonLength)
        {
            ModelState.AddModelError(nameof(Reason), "Причина відхилення — не довше за 1000 символів.");
        }

        if (!ModelState.IsValid || !await StillUndecidedAsync(id, receiptId, version, ct))
        {
            return await RedisplayAsync(id, ct);
        }

        return await DecideAsync(id, decide, approve: false, reason,
            "Квитанцію відхилено. Клієнт отримає лист із причиною й зможе надіслати нову.", ct);
    }

    public string? ReasonError =>
        ModelState.TryGetValue(nameof(Reason), out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;

    private async Task<IActionResult> DecideAsync(Guid id, DecideReceipt decide, bool approve, string? reason, string success, CancellationToken ct)
    {
        await decide.HandleAsync(id, approve, reason, StaffIdentity.ActorOf(User), ct);

        StatusMessage = success;
        return RedirectToPage(new { id });
    }

    /// <summary>Checks the form was made for the receipt that is still under review, at the version the operator saw.</summary>
    private async Task<bool> StillUndecidedAsync(Guid id, Guid receiptId, uint version, CancellationToken ct)
    {
        var current = await db.Set<RestorationApplication>().AsNoTracking().AsSplitQuery().SingleOrDefaultAsync(a => a.Id == id, ct);
        if (current is null)
        {
            return true; // the use case reports it as not found
        }

        if (current.ReceiptUnderReview?.Id != receiptId || current.Version != version)
        {
            Conflict = true;
            return false;
        }

        return true;
    }

    private async Task<bool> MayDecideAsync() =>
        (await authorization.AuthorizeAsync(User, AuthorizationPolicies.Operator)).Succeeded;

    /// <summary>
    /// A refused decision: the page as it stands now, with the sentence above the decision forms, or the notice that
    /// someone else changed the application meanwhile.
    /// </summary>
    public async Task<IActionResult> ShowRefusalAsync(PageRefusal refusal, CancellationToken cancellationToken)
    {
        if (refusal.Category == RefusalCategory.NotFound)
        {
            return NotFound();
        }

        Conflict = refusal.LostRace;
        DecisionError = refusal.LostRace ? null : refusal.Sentence;
        return await RedisplayAsync(Guid.Parse(PageContext.RouteData.Values["id"]!.ToString()!), cancellationToken, reload: true);
    }

    private async Task<IActionResult> RedisplayAsync(Guid id, CancellationToken ct, bool reload = false)
    {
        if (reload)
        {
            db.ChangeTracker.Clear();
        }

        return await LoadAsync(id, null, ct) ? Page() : NotFound();
    }

    private async Task<ReceiptAssessment?> ReadAsync(RestorationApplication application, Receipt? receipt, CancellationToken ct)
    {
        if (receipt is null || application.Invoice is not { } invoice)
        {
            return null;
        }

        if (receipt.ContentType == "application/pdf")
        {
            var file = await db.Set<ReceiptFile>().AsNoTracking().SingleOrDefaultAsync(f => f.ReceiptId == receipt.Id, ct);
            // Read again by the reader process, never in the host: the operator opening a hostile PDF must not stop it.
            var reading = file is null ? null : ReceiptAutoCheck.Assess(receipt.ContentType,
                await reader.ReadAsync<PdfTextReading>(DocumentKind.PdfText, file.Content, ct), invoice, application.Number, autoApprove: false);
            if (reading?.Fields is not null)
            {
                return reading;
            }
        }

        var recognised = await db.Set<ReceiptRecognition>().AsNoTracking()
            .Where(r => r.ReceiptId == receipt.Id && r.Status == RecognitionStatus.Done)
            .Select(r => r.Text)
            .SingleOrDefaultAsync(ct);
        ShownReceiptReadByOcr = recognised is not null;
        return recognised is null ? null : ReceiptAutoCheck.Assess(ReceiptFields.Parse(recognised), invoice, application.Number, autoApprove: false);
    }

    private async Task<bool> LoadAsync(Guid id, Guid? receiptId, CancellationToken ct)
    {
        var application = await db.Set<RestorationApplication>().AsNoTracking().AsSplitQuery().SingleOrDefaultAsync(a => a.Id == id, ct);
        if (application is null)
        {
            return false;
        }

        Application = application;
        Today = KyivTime.DateOf(clock.GetCurrentInstant());
        Account = await accounts.FindAsync(application.AccountNumber, ct);
        AccountDebt = (await ledger.BalanceOfAsync(application.AccountNumber, ct)).Debt;
        DsoName = await dsos.NameOfAsync(application.DsoCode, ct);
        ShownReceipt = application.Receipts.FirstOrDefault(r => r.Id == receiptId)
            ?? application.ReceiptUnderReview
            ?? application.Receipts.OrderBy(r => r.ReceivedAt).LastOrDefault();
        CanDecide = application.Status == ApplicationStatus.ReceiptUnderReview && await MayDecideAsync();
        ShownReceiptReading = await ReadAsync(application, ShownReceipt, ct);
        CustomerEmails = await emails.OfApplicationAsync(id, ct);
        StatementLines = await db.Set<PaymentStatementLine>().AsNoTracking()
            .Where(l => l.ApplicationId == id)
            .OrderBy(l => l.ReceivedAt)
            .ToListAsync(ct);

        if (application.Status != ApplicationStatus.ReceiptUnderReview)
        {
            NextUnderReview = await db.Set<RestorationApplication>().AsNoTracking()
                .Where(a => a.Status == ApplicationStatus.ReceiptUnderReview && a.Id != id)
                .OrderBy(a => a.SubmittedAt)
                .Select(a => new NextApplication(a.Id, a.Number, a.SubmittedAt))
                .FirstOrDefaultAsync(ct);
        }

        return true;
    }
}

internal sealed record NextApplication(Guid Id, string Number, Instant SubmittedAt);
