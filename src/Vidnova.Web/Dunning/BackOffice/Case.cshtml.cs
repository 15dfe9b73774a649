using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Vidnova.Accounts;
using Vidnova.Hosting;
using Vidnova.Kernel;
using Vidnova.Notifications;
using Vidnova.Persistence;
using Vidnova.Problems;

namespace Vidnova.Dunning.BackOffice;

/// <summary>
/// One dunning case as staff see it: the account, the state and dates, each warning with its delivery proof, the
/// history; a supervisor pauses it with a reason or resumes it, an operator records a court's ruling (or the end of
/// the dispute) for the account. Refusals are shown on the page, by the form that was refused.
/// </summary>
[Authorize(Policy = AuthorizationPolicies.Staff)]
internal sealed class DunningCaseModel(VidnovaDbContext db, IClock clock, IAuthorizationService authorization, IPersonalAccounts accounts,
    INotificationOutbox outbox)
    : PageModel, IShowsRefusals
{
    public const int MaxReasonLength = 500;

    public DunningCase Case { get; private set; } = null!;

    public PersonalAccountSummary? Account { get; private set; }

    public IReadOnlyList<DunningWarningRow> Warnings { get; private set; } = [];

    public IReadOnlyList<CourtRulingRow> Rulings { get; private set; } = [];

    public LocalDate Today { get; private set; }

    public bool IsSupervisor { get; private set; }

    public bool IsOperator { get; private set; }

    public bool CanPause => IsSupervisor && Case.State is DunningState.Warned or DunningState.Scheduled;

    public bool CanResume => IsSupervisor && Case.State == DunningState.Paused;

    /// <summary>Court protection is for households only (PRRE 7.11): the form is offered for them.</summary>
    public bool CanRecordRuling => IsOperator && Account?.Kind == CustomerKind.Household;

    [TempData]
    public string? StatusMessage { get; set; }

    /// <summary>A refused action's sentence (a rule, a ruling for a non-household), shown above the page's forms.</summary>
    public string? Refusal { get; private set; }

    /// <summary>Someone else changed the case between this page being opened and the action.</summary>
    public bool Conflict { get; private set; }

    [BindProperty]
    public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostPauseAsync(Guid id, uint version, CancellationToken ct)
    {
        if (!await IsAsync(AuthorizationPolicies.Supervisor))
        {
            return Forbid();
        }

        var reason = Reason?.Trim();
        if (string.IsNullOrEmpty(reason))
        {
            ModelState.AddModelError(nameof(Reason), "Вкажіть причину паузи — її збережено в історії справи.");
        }
        else if (reason.Length > MaxReasonLength)
        {
            ModelState.AddModelError(nameof(Reason), "Причина паузи — не довше за 500 символів.");
        }

        if (await FindCurrentAsync(id, version, ct) is not { } dunningCase || !ModelState.IsValid)
        {
            return await RedisplayAsync(id, ct);
        }

        dunningCase.Pause(reason!, StaffIdentity.ActorOf(User), clock.GetCurrentInstant());
        await db.SaveChangesAsync(ct);
        StatusMessage = "Справу призупинено. Відновити її може керівник — з новим першим попередженням.";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostResumeAsync(Guid id, uint version, [FromServices] DunningRun run, CancellationToken ct)
    {
        if (!await IsAsync(AuthorizationPolicies.Supervisor))
        {
            return Forbid();
        }

        if (await FindCurrentAsync(id, version, ct) is not { } dunningCase)
        {
            return await RedisplayAsync(id, ct);
        }

        await run.ResumeAsync(dunningCase, StaffIdentity.ActorOf(User), ct);
        await db.SaveChangesAsync(ct);
        StatusMessage = "Справу відновлено: клієнт отримає нове перше попередження з новою датою відключення.";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostRulingAsync(Guid id, [FromServices] CourtRulings rulings, CancellationToken ct)
    {
        if (!await IsAsync(AuthorizationPolicies.Operator))
        {
            return Forbid();
        }

        if (await AccountOfAsync(id, ct) is not { } number)
        {
            return NotFound();
        }

        var command = await CourtRulingForm.ReadAsync(Request, ct);
        var ruling = await rulings.RecordAsync(number, command, StaffIdentity.ActorOf(User), ct);
        StatusMessage = ruling.Outcome switch
        {
            CourtRulingOutcome.DisconnectionPrevented => "Ухвалу записано: справу закрито, відключення не буде, поки триває спір.",
            CourtRulingOutcome.RestorationOrdered => "Ухвалу записано: ОСР отримав заявку на відновлення електропостачання.",
            _ => "Ухвалу записано: поки триває спір, нової справи за цим рахунком не відкриють.",
        };
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostEndRulingAsync(Guid id, Guid rulingId, [FromServices] CourtRulings rulings, CancellationToken ct)
    {
        if (!await IsAsync(AuthorizationPolicies.Operator))
        {
            return Forbid();
        }

        if (await AccountOfAsync(id, ct) is not { } number)
        {
            return NotFound();
        }

        await rulings.EndAsync(number, rulingId, StaffIdentity.ActorOf(User), ct);
        StatusMessage = "Судовий спір позначено завершеним: якщо борг лишився, наступний прохід відкриє нову справу з першим попередженням.";
        return RedirectToPage(new { id });
    }

    public string? ReasonError =>
        ModelState.TryGetValue(nameof(Reason), out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;

    /// <summary>The first error of a field of the ruling's form (<c>court</c>, <c>courtCaseNumber</c>, <c>openedOn</c>, <c>file</c>).</summary>
    public string? FieldError(string field) =>
        ModelState.TryGetValue(field, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;

    public async Task<IActionResult> ShowRefusalAsync(PageRefusal refusal, CancellationToken cancellationToken)
    {
        Conflict = refusal.LostRace;
        Refusal = refusal.LostRace || refusal.FieldErrors.Count > 0 ? null : refusal.Sentence;
        db.ChangeTracker.Clear();
        var id = Guid.Parse(PageContext.RouteData.Values["id"]!.ToString()!);
        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    /// <summary>The case to change, or null (and <see cref="Conflict"/>) when it changed since the form was made.</summary>
    private async Task<DunningCase?> FindCurrentAsync(Guid id, uint version, CancellationToken ct)
    {
        var dunningCase = await db.Set<DunningCase>().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (dunningCase is not null && dunningCase.Version != version)
        {
            Conflict = true;
            return null;
        }

        return dunningCase;
    }

    private async Task<bool> IsAsync(string policy) => (await authorization.AuthorizeAsync(User, policy)).Succeeded;

    /// <summary>The page again, after a form that changed nothing: 409 when the case changed meanwhile, 422 for a form to correct.</summary>
    private async Task<IActionResult> RedisplayAsync(Guid id, CancellationToken ct)
    {
        if (Conflict)
        {
            Response.StatusCode = StatusCodes.Status409Conflict;
        }
        else if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }

        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private async Task<AccountNumber?> AccountOfAsync(Guid id, CancellationToken ct) =>
        await db.Set<DunningCase>().AsNoTracking().Where(c => c.Id == id).Select(c => c.AccountNumber).Take(1).ToListAsync(ct) is [var number]
            ? number
            : null;

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var dunningCase = await db.Set<DunningCase>().AsNoTracking().AsSplitQuery().Include(c => c.Warnings).Include(c => c.History)
            .SingleOrDefaultAsync(c => c.Id == id, ct);
        if (dunningCase is null)
        {
            return false;
        }

        Case = dunningCase;
        Today = Calendar.KyivTime.DateOf(clock.GetCurrentInstant());
        IsSupervisor = await IsAsync(AuthorizationPolicies.Supervisor);
        IsOperator = await IsAsync(AuthorizationPolicies.Operator);
        Account = await accounts.FindAsync(dunningCase.AccountNumber, ct);
        var proofs = await outbox.DeliveriesAsync([.. dunningCase.Warnings.Select(w => w.NotificationKey).OfType<string>()], ct);
        Warnings = [.. dunningCase.Warnings.OrderBy(w => w.QueuedAt).ThenBy(w => w.Sequence).ThenBy(w => w.Channel).ThenBy(w => w.Recipient)
            .Select(w => w.NotificationKey is { } key && proofs.GetValueOrDefault(key) is { } proof
                ? new DunningWarningRow(w, proof.SentAt, proof.MessageId)
                : new DunningWarningRow(w, w.Channel == DunningWarning.Cabinet ? w.QueuedAt : null, null))];
        Rulings = await db.Set<CourtRuling>().AsNoTracking()
            .Where(r => r.AccountNumber == dunningCase.AccountNumber)
            .OrderByDescending(r => r.RecordedAt)
            .Select(r => new CourtRulingRow(r.Id, r.Court, r.CourtCaseNumber, r.OpenedOn, r.FileName, r.Outcome, r.RecordedBy, r.RecordedAt, r.EndedAt, r.EndedBy))
            .ToListAsync(ct);
        return true;
    }
}

/// <param name="SentAt">When the mail server took the email (null while it waits in the outbox); for the cabinet, when it was shown.</param>
internal sealed record DunningWarningRow(DunningWarning Warning, Instant? SentAt, string? MessageId);

/// <summary>A ruling as the page lists it, without its scan.</summary>
internal sealed record CourtRulingRow(Guid Id, string Court, string CourtCaseNumber, LocalDate OpenedOn, string FileName, CourtRulingOutcome Outcome,
    string RecordedBy, Instant RecordedAt, Instant? EndedAt, string? EndedBy);
