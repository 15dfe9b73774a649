namespace Vidnova.Billing.Runs.BackOffice;

/// <summary>A run's status as the back office shows it: its Ukrainian name (the resources translate it) and badge.</summary>
internal static class BillingRunDisplay
{
    public static string StatusText(BillingRunStatus status) => status switch
    {
        BillingRunStatus.Queued => "у черзі",
        BillingRunStatus.Running => "триває",
        BillingRunStatus.Completed => "завершено",
        BillingRunStatus.Failed => "з помилками",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static string Badge(BillingRunStatus status) => status switch
    {
        BillingRunStatus.Completed => "badge-ok",
        BillingRunStatus.Failed => "badge-bad",
        BillingRunStatus.Running => "badge-warn",
        _ => "badge-muted",
    };

    /// <summary>Nothing changes any more: the page stops asking.</summary>
    public static bool IsFinal(BillingRunStatus status) => status is BillingRunStatus.Completed or BillingRunStatus.Failed;

    /// <summary>The accounts the run has dealt with so far: billed, skipped or failed.</summary>
    public static int Done(BillingRun run) => Math.Min(run.Billed + run.Skipped + run.Failed, Math.Max(run.Accounts, 0));
}
