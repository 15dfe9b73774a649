namespace Vidnova.Restoration.BackOffice;

/// <summary>Badges and names of restoration's states on its staff pages.</summary>
internal static class RestorationDisplay
{
    public static string BadgeClass(ApplicationStatus status) => status switch
    {
        ApplicationStatus.ReceiptUnderReview => "badge badge-warn",
        ApplicationStatus.SentToDso or ApplicationStatus.InProgressAtDso => "badge",
        ApplicationStatus.Restored => "badge badge-ok",
        ApplicationStatus.RejectedByDso => "badge badge-bad",
        _ => "badge badge-muted",
    };

    public static string BadgeClass(DsoRequestStatus status) => status switch
    {
        DsoRequestStatus.Pending => "badge badge-warn",
        DsoRequestStatus.Received => "badge",
        DsoRequestStatus.Completed => "badge badge-ok",
        DsoRequestStatus.Rejected => "badge badge-bad",
        _ => "badge badge-muted",
    };

    /// <summary>The Ukrainian name of a DSO request's state (the translation key).</summary>
    public static string ToUkrainian(this DsoRequestStatus status) => status switch
    {
        DsoRequestStatus.Pending => "Очікує підтвердження ОСР",
        DsoRequestStatus.Received => "ОСР отримав",
        DsoRequestStatus.Completed => "Виконано",
        DsoRequestStatus.Rejected => "Відмовлено",
        _ => status.ToString(),
    };

    public static string BadgeClass(ReceiptDecision decision) => decision switch
    {
        ReceiptDecision.Approved => "badge badge-ok",
        ReceiptDecision.Rejected => "badge badge-bad",
        _ => "badge badge-warn",
    };

    public static string ToUkrainian(this ReceiptDecision decision) => decision switch
    {
        ReceiptDecision.Approved => "Підтверджено",
        ReceiptDecision.Rejected => "Відхилено",
        _ => "На перевірці",
    };
}
