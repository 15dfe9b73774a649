namespace Vidnova.Restoration;

/// <summary>Where a restoration application stands. The API spells these in snake_case (see <see cref="ApplicationStatusNames"/>).</summary>
public enum ApplicationStatus
{
    AwaitingEmailConfirmation,
    AwaitingPayment,
    ReceiptUnderReview,
    SentToDso,
    InProgressAtDso,
    Restored,
    RejectedByDso,
    Cancelled,
}

/// <summary>What can happen to an application.</summary>
internal enum ApplicationTrigger
{
    ConfirmEmail,
    SubmitReceipt,
    ApproveReceipt,
    RejectReceipt,
    ConfirmPaymentByStatement,
    DsoReceived,
    DsoCompleted,
    DsoRejected,
    Cancel,
}

/// <summary>
/// The restoration application's state machine: every legal move is listed here and nothing else is possible.
/// A DSO may report completion without acknowledging first (the request still reached it). The DSO's bank statement
/// proves the payment with or without a receipt, so it sends the application on from either status before the DSO.
/// </summary>
internal static class ApplicationStateMachine
{
    private static readonly Dictionary<(ApplicationStatus From, ApplicationTrigger Trigger), ApplicationStatus> Transitions = new()
    {
        [(ApplicationStatus.AwaitingEmailConfirmation, ApplicationTrigger.ConfirmEmail)] = ApplicationStatus.AwaitingPayment,
        [(ApplicationStatus.AwaitingEmailConfirmation, ApplicationTrigger.Cancel)] = ApplicationStatus.Cancelled,
        [(ApplicationStatus.AwaitingPayment, ApplicationTrigger.SubmitReceipt)] = ApplicationStatus.ReceiptUnderReview,
        [(ApplicationStatus.AwaitingPayment, ApplicationTrigger.Cancel)] = ApplicationStatus.Cancelled,
        [(ApplicationStatus.AwaitingPayment, ApplicationTrigger.ConfirmPaymentByStatement)] = ApplicationStatus.SentToDso,
        [(ApplicationStatus.ReceiptUnderReview, ApplicationTrigger.ApproveReceipt)] = ApplicationStatus.SentToDso,
        [(ApplicationStatus.ReceiptUnderReview, ApplicationTrigger.RejectReceipt)] = ApplicationStatus.AwaitingPayment,
        [(ApplicationStatus.ReceiptUnderReview, ApplicationTrigger.Cancel)] = ApplicationStatus.Cancelled,
        [(ApplicationStatus.ReceiptUnderReview, ApplicationTrigger.ConfirmPaymentByStatement)] = ApplicationStatus.SentToDso,
        [(ApplicationStatus.SentToDso, ApplicationTrigger.DsoReceived)] = ApplicationStatus.InProgressAtDso,
        [(ApplicationStatus.SentToDso, ApplicationTrigger.DsoCompleted)] = ApplicationStatus.Restored,
        [(ApplicationStatus.SentToDso, ApplicationTrigger.DsoRejected)] = ApplicationStatus.RejectedByDso,
        [(ApplicationStatus.InProgressAtDso, ApplicationTrigger.DsoCompleted)] = ApplicationStatus.Restored,
        [(ApplicationStatus.InProgressAtDso, ApplicationTrigger.DsoRejected)] = ApplicationStatus.RejectedByDso,
    };

    public static bool CanFire(ApplicationStatus from, ApplicationTrigger trigger) => Transitions.ContainsKey((from, trigger));

    public static bool TryNext(ApplicationStatus from, ApplicationTrigger trigger, out ApplicationStatus next) =>
        Transitions.TryGetValue((from, trigger), out next);

    public static bool IsOpen(ApplicationStatus status) =>
        status is not (ApplicationStatus.Restored or ApplicationStatus.RejectedByDso or ApplicationStatus.Cancelled);
}

public static class ApplicationStatusNames
{
    public static string ToApiName(this ApplicationStatus status) => status switch
    {
        ApplicationStatus.AwaitingEmailConfirmation => "awaiting_email_confirmation",
        ApplicationStatus.AwaitingPayment => "awaiting_payment",
        ApplicationStatus.ReceiptUnderReview => "receipt_under_review",
        ApplicationStatus.SentToDso => "sent_to_dso",
        ApplicationStatus.InProgressAtDso => "in_progress_at_dso",
        ApplicationStatus.Restored => "restored",
        ApplicationStatus.RejectedByDso => "rejected_by_dso",
        ApplicationStatus.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static bool TryParseApiName(string? name, out ApplicationStatus status)
    {
        foreach (var candidate in Enum.GetValues<ApplicationStatus>())
        {
            if (candidate.ToApiName() == name)
            {
                status = candidate;
                return true;
            }
        }

        status = default;
        return false;
    }

    /// <summary>The customer-facing Ukrainian name; the English one is its translation in the resources.</summary>
    public static string ToUkrainian(this ApplicationStatus status) => status switch
    {
        ApplicationStatus.AwaitingEmailConfirmation => "Очікує підтвердження email",
        ApplicationStatus.AwaitingPayment => "Очікує оплати рахунку",
        ApplicationStatus.ReceiptUnderReview => "Квитанція на перевірці",
        ApplicationStatus.SentToDso => "Заявку передано ОСР",
        ApplicationStatus.InProgressAtDso => "ОСР виконує відновлення",
        ApplicationStatus.Restored => "Електропостачання відновлено",
        ApplicationStatus.RejectedByDso => "ОСР відмовив",
        ApplicationStatus.Cancelled => "Скасовано",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
