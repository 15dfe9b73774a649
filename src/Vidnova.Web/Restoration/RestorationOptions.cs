namespace Vidnova.Restoration;

/// <summary>Configuration section <c>Restoration</c>.</summary>
internal sealed class RestorationOptions
{
    public const string Section = "Restoration";

    /// <summary>An application whose email nobody confirmed this many hours after it was filed is cancelled.</summary>
    public int UnconfirmedLapseHours { get; set; } = 72;

    /// <summary>How long the signed link in a customer email opens the application, on any device.</summary>
    public int EmailLinkDays { get; set; } = 14;

    /// <summary>
    /// Whether a disconnected account following an active repayment schedule may apply once the schedule's first
    /// instalment and the bills issued since it started are paid, instead of the whole debt (issue 14). Off by default:
    /// the article's condition 1 is the debt paid in full.
    /// </summary>
    public bool AllowOnActiveSchedule { get; set; }
}
