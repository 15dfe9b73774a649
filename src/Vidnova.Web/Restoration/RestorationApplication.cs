using System.Globalization;
using NodaTime;
using Vidnova.Accounts;
using Vidnova.Kernel;
using Vidnova.Problems;

namespace Vidnova.Restoration;

/// <summary>
/// A household's application to restore supply after a disconnection for debt, from submission to the DSO's report.
/// Its status changes only through the methods below, each checked against <see cref="ApplicationStateMachine"/>.
/// </summary>
internal sealed class RestorationApplication
{
    public const int MaxConfirmationAttempts = 5;

    private readonly List<TimelineEntry> _timeline = [];
    private readonly List<Receipt> _receipts = [];

    private RestorationApplication(Guid id, string number, AccountNumber accountNumber, DsoCode dsoCode, Settlement settlement,
        string email, string phone, string accessTokenHash, string confirmationCodeHash, string replyToken, Instant submittedAt)
    {
        Id = id;
        ReplyToken = replyToken;
        Number = number;
        AccountNumber = accountNumber;
        DsoCode = dsoCode;
        Settlement = settlement;
        Email = email;
        Phone = phone;
        AccessTokenHash = accessTokenHash;
        ConfirmationCodeHash = confirmationCodeHash;
        SubmittedAt = submittedAt;
    }

    public Guid Id { get; private set; }

    /// <summary>The number customers, operators and the DSO quote, e.g. <c>VN-2026-000042</c>; it is in the payment purpose.</summary>
    public string Number { get; private set; }

    public AccountNumber AccountNumber { get; private set; }

    public DsoCode DsoCode { get; private set; }

    public Settlement Settlement { get; private set; }

    public string Email { get; private set; }

    public string Phone { get; private set; }

    public ApplicationStatus Status { get; private set; }

    public Instant SubmittedAt { get; private set; }

    public Instant? EmailConfirmedAt { get; private set; }

    public string AccessTokenHash { get; private set; }

    public string ConfirmationCodeHash { get; private set; }

    public int FailedConfirmationAttempts { get; private set; }

    /// <summary>
    /// Identifies the application in the plus-addressed reply address of its emails (<c>receipts+token@…</c>), so a
    /// customer's reply is filed under it even when the mail client drops the subject and the threading headers.
    /// </summary>
    public string ReplyToken { get; private set; }

    public Invoice? Invoice { get; private set; }

    public DsoRequest? DsoRequest { get; private set; }

    /// <summary>Owed by the DSO when it missed the restoration deadline (NEURC resolution No. 375).</summary>
    public SlaCompensation? Compensation { get; private set; }

    public IReadOnlyList<Receipt> Receipts => _receipts;

    public IReadOnlyList<TimelineEntry> Timeline => _timeline;

    public uint Version { get; private set; }

    public bool IsOpen => ApplicationStateMachine.IsOpen(Status);

    public Receipt? ReceiptUnderReview => _receipts.LastOrDefault(r => r.Decision == ReceiptDecision.Pending);

    /// <summary>Whether a receipt sent now would be taken: the invoice is issued and nothing is under review or sent to the DSO.</summary>
    public bool AcceptsReceipt => ApplicationStateMachine.CanFire(Status, ApplicationTrigger.SubmitReceipt);

    public static RestorationApplication Submit(Guid id, string number, PersonalAccountSummary account, string email, string phone,
        string accessTokenHash, string confirmationCodeHash, string replyToken, Instant now)
    {
        var application = new RestorationApplication(id, number, account.Number, account.DsoCode, account.Settlement,
            email, phone, accessTokenHash, confirmationCodeHash, replyToken, now)
        {
            Status = ApplicationStatus.AwaitingEmailConfirmation,
        };
        application.Record(now, Actors.Customer, "submitted", ("number", number), ("email", email));
        return application;
    }

    /// <summary>Confirms the email with the 6-digit code and issues the DSO's restoration invoice to it.</summary>
    public void ConfirmEmail(string codeHash, Func<Invoice> issueInvoice, Instant now)
    {
        Ensure(ApplicationTrigger.ConfirmEmail, "Email вже підтверджено або заява не очікує підтвердження.");
        if (FailedConfirmationAttempts >= MaxConfirmationAttempts)
        {
            throw new BusinessRuleException("confirmation_locked",
                "Забагато невдалих спроб введення коду. Натисніть «Надіслати новий код» — ми надішлемо на ваш email новий код, і спроби почнуться знову.")
            // The same code stays refused until a new one is asked for, which the customer may do at once.
            { Category = RefusalCategory.TooManyRequests, RetryAfter = Duration.FromSeconds(1) };
        }

        if (!string.Equals(codeHash, ConfirmationCodeHash, StringComparison.Ordinal))
        {
            FailedConfirmationAttempts++;
            Version++;
            throw new BusinessRuleException("wrong_confirmation_code",
                "Код підтвердження невірний. Перевірте 6 цифр у листі (залишилось спроб: {0}).",
                MaxConfirmationAttempts - FailedConfirmationAttempts)
            { Category = RefusalCategory.InvalidInput };
        }

        EmailConfirmedAt = now;
        Invoice = issueInvoice();
        Move(ApplicationTrigger.ConfirmEmail);
        Record(now, Actors.Customer, "email_confirmed", ("email", Email));
        Record(now, Actors.System, "invoice_issued", ("recipient", Invoice.RecipientName),
            ("amount", Invoice.Amount.Amount.ToString(CultureInfo.InvariantCulture)), ("purpose", Invoice.Purpose));
    }

    /// <summary>
    /// A new code for a customer whose code was lost or whose attempts ran out: the old code stops working and the
    /// attempts start again. How often is limited by the caller (the emails it costs are counted in the outbox).
    /// </summary>
    public void ReissueConfirmationCode(string codeHash, Instant now)
    {
        if (Status != ApplicationStatus.AwaitingEmailConfirmation)
        {
            throw new BusinessRuleException("email_already_confirmed",
                "Email для цієї заяви вже підтверджено або заява не очікує підтвердження — новий код не потрібен. Оновіть сторінку заяви.");
        }

        ConfirmationCodeHash = codeHash;
        FailedConfirmationAttempts = 0;
        Record(now, Actors.Customer, "confirmation_code_resent", ("email", Email));
    }

    /// <param name="receiptsFromWeakMatches">
    /// Receipts of this application that came in an email matched only by the application number it quoted (subject
    /// or text), not by our reply address or thread. See <see cref="SetAsideForTheCustomersUpload"/>.
    /// </param>
    public void SubmitReceipt(Receipt receipt, string actor, Instant now, IReadOnlySet<Guid>? receiptsFromWeakMatches = null)
    {
        if (SetAsideForTheCustomersUpload(receipt, receiptsFromWeakMatches ?? new HashSet<Guid>(), now))
        {
            Move(ApplicationTrigger.RejectReceipt);
        }

        if (Status == ApplicationStatus.ReceiptUnderReview)
        {
            throw new BusinessRuleException("receipt_already_under_review",
                "Квитанцію вже отримано й вона на перевірці. Дочекайтеся рішення — ми повідомимо на email.");
        }

        Ensure(ApplicationTrigger.SubmitReceipt, "Квитанцію можна надіслати лише після підтвердження email і до передачі заявки ОСР.");
        _receipts.Add(receipt);
        Move(ApplicationTrigger.SubmitReceipt);
        Record(now, actor, "receipt_received", ("file", receipt.FileName),
            ("kb", Math.Max(1, (receipt.SizeBytes + 1023) / 1024).ToString(CultureInfo.InvariantCulture)),
            ("channel", receipt.SourceEmailId is null ? "upload" : "email"));
    }

    /// <summary>
    /// Rule: a receipt that arrived by a weak match never blocks the customer's own upload. Application numbers are
    /// sequential and a From address is anyone's to type, so an email quoting a number may come from someone else;
    /// the upload with the application's access token is the customer for certain. When every receipt under review
    /// came by such an email, they are set aside (rejected, with the reason in the timeline) and the upload is taken.
    /// </summary>
    /// <returns>Whether receipts were set aside, so the application no longer has one under review.</returns>
    private bool SetAsideForTheCustomersUpload(Receipt upload, IReadOnlySet<Guid> receiptsFromWeakMatches, Instant now)
    {
        var pending = _receipts.Where(r => r.Decision == ReceiptDecision.Pending).ToList();
        if (upload.SourceEmailId is not null || Status != ApplicationStatus.ReceiptUnderReview || pending.Count == 0
            || !pending.All(r => receiptsFromWeakMatches.Contains(r.Id)))
        {
            return false;
        }

        foreach (var receipt in pending)
        {
            receipt.Reject(Actors.System, "Замінено квитанцією, яку клієнт завантажив зі сторінки заяви.", now);
            Record(now, Actors.System, "receipt_set_aside", ("file", receipt.FileName));
        }

        return true;
    }

    /// <summary>What OCR read from a photo or scan of the receipt: a hint for the operator, never a decision.</summary>
    public void RecordReceiptRecognition(string file, string reading, Instant now) =>
        Record(now, Actors.System, "receipt_ocr", ("file", file), ("reading", reading));

    /// <summary>A customer's email that brought no receipt to file: kept in the history so the operator sees the whole conversation.</summary>
    public void RecordCustomerEmail(string description, Instant now) => Record(now, Actors.Customer, "email_received", ("text", description));

    public DsoRequest ApproveReceipt(string actor, Instant now) => ApproveReceipt(actor, automatically: false, now);

    /// <summary>The automatic check read the receipt and every check passed: approved by the system, no operator.</summary>
    public DsoRequest ApproveReceiptAutomatically(Instant now) =>
        ApproveReceipt(Actors.System, automatically: true, now);

    /// <summary>Notes in the timeline what the automatic check of the receipt under review found (a system entry).</summary>
    /// <param name="facts">The outcome and what was read and checked (see <see cref="Receipts.ReceiptAssessment.TimelineData"/>).</param>
    public void RecordReceiptCheck(string kind, IReadOnlyList<(string Key, string Value)> facts, Instant now)
    {
        if (ReceiptUnderReview is null)
        {
            throw new InvalidOperationException("There is no receipt under review to record a check of.");
        }

        Record(now, Actors.System, kind, [.. facts]);
    }

    private DsoRequest ApproveReceipt(string actor, bool automatically, Instant now)
    {
        Ensure(ApplicationTrigger.ApproveReceipt, "Немає квитанції на перевірці.");
        ReceiptUnderReview!.Approve(actor, now);
        DsoRequest = DsoRequest.Create(Guid.NewGuid(), now);
        Move(ApplicationTrigger.ApproveReceipt);
        Record(now, actor, "receipt_approved", automatically ? [("automatic", "true")] : []);
        RecordSentToDso(now);
        return DsoRequest;
    }

    /// <summary>
    /// The DSO's bank statement shows the invoice paid: the proof of payment, with or without a receipt (a receipt is
    /// text anyone can draw). A receipt still under review is approved with it, so nothing waits for an operator.
    /// </summary>
    public DsoRequest ConfirmPaymentByStatement(string actor, string statementLine, Instant now)
    {
        Ensure(ApplicationTrigger.ConfirmPaymentByStatement, "Оплату за випискою можна зарахувати лише заяві, що очікує оплати або перевірки квитанції.");
        ReceiptUnderReview?.Approve(actor, now);
        DsoRequest = DsoRequest.Create(Guid.NewGuid(), now);
        Move(ApplicationTrigger.ConfirmPaymentByStatement);
        Record(now, actor, "payment_confirmed", ("line", statementLine));
        RecordSentToDso(now);
        return DsoRequest;
    }

    public void RejectReceipt(string actor, string reason, Instant now)
    {
        Ensure(ApplicationTrigger.RejectReceipt, "Немає квитанції на перевірці.");
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new BusinessRuleException("reason_required",
                "Вкажіть причину відхилення — клієнт побачить її й зможе надіслати квитанцію повторно.")
            { Category = RefusalCategory.InvalidInput };
        }

        ReceiptUnderReview!.Reject(actor, reason.Trim(), now);
        Move(ApplicationTrigger.RejectReceipt);
        Record(now, actor, "receipt_rejected", ("reason", reason.Trim()));
    }

    /// <summary>
    /// The DSO acknowledged the request at <paramref name="receivedAt"/>; the SLA runs to <paramref name="deadline"/>.
    /// False when the DSO's report of the outcome (completed or rejected) overtook it: the two travel independently,
    /// so the late acknowledgement moves nothing and tells the customer nothing, but its time and the deadline are
    /// still recorded (once), since the SLA breach and compensation are judged by them: either arrival order ends in
    /// the same state.
    /// </summary>
    public bool DsoAcknowledged(Instant receivedAt, LocalDate deadline, string actor, Instant now)
    {
        if (DsoRequest?.Status is DsoRequestStatus.Completed or DsoRequestStatus.Rejected)
        {
            if (DsoRequest.ReceivedAt is null)
            {
                DsoRequest.RecordLateReceipt(receivedAt, deadline);
                Record(now, actor, "dso_received", ("deadline", TimelineText.IsoDate(deadline)), ("late", "true"));
            }

            return false;
        }

        EnsureDsoEvent(ApplicationTrigger.DsoReceived, "received");
        DsoRequest!.MarkReceived(receivedAt, deadline);
        Move(ApplicationTrigger.DsoReceived);
        Record(now, actor, "dso_received", ("deadline", TimelineText.IsoDate(deadline)));
        return true;
    }

    /// <summary>
    /// Records that the DSO was reminded of the deadline. Only a request the DSO acknowledged and has not finished is
    /// reminded; its work order reminds only once.
    /// </summary>
    public bool RemindDso(Instant now)
    {
        if (Status != ApplicationStatus.InProgressAtDso || DsoRequest is not { Deadline: { } deadline })
        {
            return false;
        }

        Record(now, Actors.System, "dso_reminded", ("deadline", TimelineText.IsoDate(deadline)));
        return true;
    }

    /// <summary>Notes (for the audit trail) that staff put a dead-lettered message to the DSO back in the queue.</summary>
    public void RecordDsoDeliveryRetried(string actor, string eventType, int failedAttempts, Instant now) =>
        Record(now, actor, "dso_delivery_retried", ("event", eventType), ("attempts", failedAttempts.ToString(CultureInfo.InvariantCulture)));

    public void DsoCompleted(Instant completedAt, string actor, Instant now)
    {
        EnsureDsoEvent(ApplicationTrigger.DsoCompleted, "completed");
        var acknowledged = DsoRequest!.ReceivedAt is not null;
        DsoRequest.MarkCompleted(completedAt);
        Move(ApplicationTrigger.DsoCompleted);
        Record(now, actor, "dso_completed", acknowledged ? [] : [("unacknowledged", "true")]);
    }

    public void DsoRejected(Instant rejectedAt, string reason, string actor, Instant now)
    {
        EnsureDsoEvent(ApplicationTrigger.DsoRejected, "rejected");
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new BusinessRuleException("reason_required", "Вкажіть причину відмови — її побачить клієнт.")
            { Category = RefusalCategory.InvalidInput };
        }

        DsoRequest!.MarkRejected(rejectedAt, reason.Trim());
        Move(ApplicationTrigger.DsoRejected);
        Record(now, actor, "dso_rejected", ("reason", reason.Trim()));
    }

    public void Cancel(string actor, string reason, Instant now)
    {
        Ensure(ApplicationTrigger.Cancel, "Заяву, передану ОСР або завершену, скасувати не можна.");
        Move(ApplicationTrigger.Cancel);
        Record(now, actor, "cancelled", string.IsNullOrWhiteSpace(reason) ? [] : [("reason", reason.Trim())]);
    }

    /// <summary>
    /// The DSO missed the deadline: restored only after the deadline day, or not restored by its end (Kyiv time).
    /// A missed guaranteed standard entitles the customer to compensation (NEURC resolution No. 375).
    /// </summary>
    public bool MissedDeadline(LocalDate todayInKyiv, Func<Instant, LocalDate> kyivDateOf) =>
        DsoRequest?.Deadline is { } deadline && Status switch
        {
            ApplicationStatus.InProgressAtDso => todayInKyiv > deadline,
            ApplicationStatus.Restored => DsoRequest.CompletedAt is { } completed && kyivDateOf(completed) > deadline,
            _ => false,
        };

    /// <summary>Records the breach and the compensation owed, once.</summary>
    public void RecordSlaBreach(Money compensation, bool household, Instant now)
    {
        if (Compensation is not null)
        {
            throw new BusinessRuleException("sla_breach_already_recorded", "Порушення строку за цією заявою вже зафіксовано.");
        }

        var deadline = DsoRequest?.Deadline ?? throw new InvalidOperationException("A breach needs a deadline.");
        Compensation = new SlaCompensation(compensation, household, deadline, now);
        Record(now, Actors.System, "sla_breached", ("deadline", TimelineText.IsoDate(deadline)),
            ("compensation", compensation.Amount.ToString(CultureInfo.InvariantCulture)));
    }

    public bool IsOverdue(LocalDate todayInKyiv) =>
        Status is ApplicationStatus.InProgressAtDso && DsoRequest?.Deadline is { } deadline && todayInKyiv > deadline;

    private void EnsureDsoEvent(ApplicationTrigger trigger, string eventName)
    {
        if (DsoRequest is null || !ApplicationStateMachine.CanFire(Status, trigger))
        {
            throw new BusinessRuleException("dso_event_not_allowed",
                "Подію «{0}» не можна застосувати: заявка вже має статус «{1}».", eventName, Status.ToApiName());
        }
    }

    private void Ensure(ApplicationTrigger trigger, string refusal)
    {
        if (!ApplicationStateMachine.CanFire(Status, trigger))
        {
            throw new BusinessRuleException("transition_not_allowed", refusal);
        }
    }

    private void Move(ApplicationTrigger trigger)
    {
        ApplicationStateMachine.TryNext(Status, trigger, out var next);
        Status = next;
    }

    /// <summary>The DSO by name where the invoice names it, so the customer never reads a bare DSO code.</summary>
    private void RecordSentToDso(Instant now) =>
        Record(now, Actors.System, "sent_to_dso", Invoice is { } invoice ? [("dso", DsoCode.Value), ("dsoName", invoice.RecipientName)] : [("dso", DsoCode.Value)]);

    private void Record(Instant at, string actor, string kind, params (string Key, string Value)[] data)
    {
        _timeline.Add(TimelineEntry.Create(at, kind, Actor.Parse(actor), data.ToDictionary(d => d.Key, d => d.Value)));
        Version++;
    }
}

/// <summary>Compensation the DSO owes for a missed restoration deadline; it credits it within 45 days (NEURC No. 375).</summary>
internal sealed record SlaCompensation(Money Amount, bool Household, LocalDate MissedDeadline, Instant RecordedAt)
{
    /// <summary>The last day of the 45 the DSO has to credit it, counted from the Kyiv date of the recording (the customer's calendar, not UTC's).</summary>
    public LocalDate CreditBy => Calendar.KyivTime.DateOf(RecordedAt).PlusDays(45);
}

/// <summary>The restoration service invoice, issued on the DSO's behalf with a snapshot of its requisites at that moment.</summary>
internal sealed record Invoice(Money Amount, string RecipientName, Edrpou RecipientCode, Iban Iban, string Purpose, Instant IssuedAt);
