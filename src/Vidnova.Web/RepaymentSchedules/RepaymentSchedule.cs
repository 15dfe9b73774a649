using NodaTime;
using Vidnova.Kernel;
using Vidnova.Problems;

namespace Vidnova.RepaymentSchedules;

public enum RepaymentScheduleStatus
{
    /// <summary>Outside the policy: waits for a supervisor.</summary>
    PendingApproval,

    /// <summary>Approved (by the policy or a supervisor) and being followed.</summary>
    Active,

    /// <summary>Every instalment was paid.</summary>
    Completed,

    /// <summary>An instalment went unpaid past its grace days.</summary>
    Broken,

    /// <summary>A supervisor refused it, with a reason.</summary>
    Declined,
}

/// <summary>An instalment as the schedule stores it.</summary>
internal sealed class ScheduledInstalment
{
    private ScheduledInstalment()
    {
    }

    public int Number { get; private set; }

    public LocalDate DueOn { get; private set; }

    public Money Amount { get; private set; }

    public PlannedInstalment Planned => new(Number, DueOn, Amount);

    public static ScheduledInstalment Of(PlannedInstalment planned) => new() { Number = planned.Number, DueOn = planned.DueOn, Amount = planned.Amount };
}

/// <summary>
/// A debt repayment schedule (графік погашення заборгованості) of one personal account: the debt when it was asked for,
/// split into monthly instalments, the customer's explicit acceptance of the terms, and the decision on it (by the
/// policy or by a supervisor, who is recorded with the reason). Its status changes only through the methods below, each
/// checked against <see cref="RepaymentScheduleStateMachine"/>; <see cref="Version"/> is the concurrency token, so two
/// instances judging one schedule at once cannot both change it.
/// </summary>
internal sealed class RepaymentSchedule
{
    /// <summary>Who decided a schedule approved at once: the supplier's policy.</summary>
    public const string PolicyActor = "policy";

    private readonly List<ScheduledInstalment> _instalments = [];

    private RepaymentSchedule(Guid id, AccountNumber accountNumber, Money debt, LocalDate askedOn, Guid requestedBy, Instant requestedAt)
    {
        Id = id;
        AccountNumber = accountNumber;
        Debt = debt;
        AskedOn = askedOn;
        RequestedBy = requestedBy;
        RequestedAt = requestedAt;
    }

    public Guid Id { get; private set; }

    public AccountNumber AccountNumber { get; private set; }

    /// <summary>The account's debt when the schedule was asked for: what the instalments add up to.</summary>
    public Money Debt { get; private set; }

    /// <summary>The Kyiv date the customer asked; the instalments fall on this day of the following months.</summary>
    public LocalDate AskedOn { get; private set; }

    /// <summary>The customer login that asked for it and accepted the terms.</summary>
    public Guid RequestedBy { get; private set; }

    /// <summary>When it was asked for and the terms accepted; payments from then on count towards it.</summary>
    public Instant RequestedAt { get; private set; }

    public Instant TermsAcceptedAt { get; private set; }

    public RepaymentScheduleStatus Status { get; private set; }

    /// <summary>Why it was referred to a supervisor, as codes separated by commas; null when approved at once.</summary>
    public string? ReferredFor { get; private set; }

    public Instant? DecidedAt { get; private set; }

    /// <summary><see cref="PolicyActor"/>, or the supervisor (<c>staff:olena@…</c>) who approved or declined.</summary>
    public string? DecidedBy { get; private set; }

    public string? DeclineReason { get; private set; }

    public Instant? CompletedAt { get; private set; }

    public Instant? BrokenAt { get; private set; }

    /// <summary>The instalment whose lateness broke it.</summary>
    public int? BrokenInstalment { get; private set; }

    /// <summary>
    /// The account while the schedule is open (waiting or active), null once it ended: unique, so an account has one
    /// open schedule whatever races, on both databases (nulls do not clash).
    /// </summary>
    public AccountNumber? OpenFor { get; private set; }

    public uint Version { get; private set; }

    public IReadOnlyList<PlannedInstalment> Instalments => [.. _instalments.OrderBy(i => i.Number).Select(i => i.Planned)];

    internal IReadOnlyList<ScheduledInstalment> StoredInstalments => _instalments;

    public bool IsOpen => Status is RepaymentScheduleStatus.PendingApproval or RepaymentScheduleStatus.Active;

    public IReadOnlyList<ApprovalReason> Referrals => ReferredFor is null
        ? []
        : [.. ReferredFor.Split(',').Select(r => Enum.Parse<ApprovalReason>(r))];

    /// <summary>
    /// The customer asks for a schedule of <paramref name="plan"/> and accepts its terms; approved at once when
    /// <paramref name="referrals"/> is empty, otherwise waiting for a supervisor.
    /// </summary>
    public static RepaymentSchedule Request(Guid id, AccountNumber account, Money debt, LocalDate askedOn, IReadOnlyList<PlannedInstalment> plan,
        Guid loginId, bool termsAccepted, IReadOnlyList<ApprovalReason> referrals, Instant now)
    {
        if (!termsAccepted)
        {
            throw TermsNotAccepted();
        }

        if (plan.Count < InstalmentPlan.MinMonths || plan.Aggregate(Money.Zero, (sum, i) => sum + i.Amount) != debt)
        {
            throw new ArgumentException("The instalments must be at least two and add up to the debt.", nameof(plan));
        }

        var schedule = new RepaymentSchedule(id, account, debt, askedOn, loginId, now)
        {
            TermsAcceptedAt = now,
            Status = RepaymentScheduleStatus.PendingApproval,
            OpenFor = account,
        };
        schedule._instalments.AddRange(plan.Select(ScheduledInstalment.Of));
        if (referrals.Count == 0)
        {
            schedule.Move(RepaymentScheduleStatus.Active);
            schedule.DecidedAt = now;
            schedule.DecidedBy = PolicyActor;
        }
        else
        {
            schedule.ReferredFor = string.Join(',', referrals);
        }

        return schedule;
    }

    public static BusinessRuleException TermsNotAccepted() =>
        new("terms_not_accepted", "Щоб укласти графік погашення, підтвердьте, що приймаєте його умови (acceptTerms: true).")
        { Category = RefusalCategory.MalformedRequest };

    public void Approve(string supervisor, Instant now)
    {
        Move(RepaymentScheduleStatus.Active);
        DecidedAt = now;
        DecidedBy = supervisor;
    }

    public void Decline(string supervisor, string? reason, Instant now)
    {
        RepaymentScheduleStateMachine.Ensure(Status, RepaymentScheduleStatus.Declined);
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new BusinessRuleException("reason_required", "Вкажіть причину відмови в графіку — її побачить клієнт.")
            { Category = RefusalCategory.InvalidInput };
        }

        Move(RepaymentScheduleStatus.Declined);
        DecidedAt = now;
        DecidedBy = supervisor;
        DeclineReason = reason.Trim();
    }

    public void Complete(Instant now)
    {
        Move(RepaymentScheduleStatus.Completed);
        CompletedAt = now;
    }

    public void Break(int instalment, Instant now)
    {
        Move(RepaymentScheduleStatus.Broken);
        BrokenAt = now;
        BrokenInstalment = instalment;
    }

    private void Move(RepaymentScheduleStatus next)
    {
        RepaymentScheduleStateMachine.Ensure(Status, next);
        Status = next;
        OpenFor = IsOpen ? AccountNumber : null;
        Version++;
    }
}

/// <summary>The transitions of <see cref="RepaymentScheduleStatus"/>: a waiting schedule is decided, an active one ends.</summary>
internal static class RepaymentScheduleStateMachine
{
    private static readonly HashSet<(RepaymentScheduleStatus From, RepaymentScheduleStatus To)> Allowed =
    [
        (RepaymentScheduleStatus.PendingApproval, RepaymentScheduleStatus.Active),
        (RepaymentScheduleStatus.PendingApproval, RepaymentScheduleStatus.Declined),
        (RepaymentScheduleStatus.Active, RepaymentScheduleStatus.Completed),
        (RepaymentScheduleStatus.Active, RepaymentScheduleStatus.Broken),
    ];

    public static bool CanMove(RepaymentScheduleStatus from, RepaymentScheduleStatus to) => Allowed.Contains((from, to));

    public static void Ensure(RepaymentScheduleStatus from, RepaymentScheduleStatus to)
    {
        if (!CanMove(from, to))
        {
            throw new BusinessRuleException("schedule_state_conflict", "Графік у стані «{0}» не можна перевести в стан «{1}».",
                RepaymentScheduleNames.Of(from), RepaymentScheduleNames.Of(to));
        }
    }
}

public static class RepaymentScheduleNames
{
    /// <summary>The status as the API writes it.</summary>
    public static string Of(RepaymentScheduleStatus status) => status switch
    {
        RepaymentScheduleStatus.PendingApproval => "pending_approval",
        RepaymentScheduleStatus.Active => "active",
        RepaymentScheduleStatus.Completed => "completed",
        RepaymentScheduleStatus.Broken => "broken",
        RepaymentScheduleStatus.Declined => "declined",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>The status in the customer's words (the resources translate it).</summary>
    public static string Ukrainian(RepaymentScheduleStatus status) => status switch
    {
        RepaymentScheduleStatus.PendingApproval => "Очікує погодження",
        RepaymentScheduleStatus.Active => "Діє",
        RepaymentScheduleStatus.Completed => "Виконано",
        RepaymentScheduleStatus.Broken => "Порушено",
        RepaymentScheduleStatus.Declined => "Відхилено",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static string Ukrainian(ApprovalReason reason) => reason switch
    {
        ApprovalReason.DebtAboveMaximum => "борг більший за межу автоматичного погодження",
        ApprovalReason.BrokenRecently => "нещодавно порушено попередній графік",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };
}
