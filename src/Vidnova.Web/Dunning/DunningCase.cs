using NodaTime;
using Vidnova.Kernel;
using Vidnova.Problems;

namespace Vidnova.Dunning;

/// <summary>Where a case stands; the API names are in <see cref="DunningNames"/>.</summary>
public enum DunningState
{
    /// <summary>The first warning went out; the disconnection is planned.</summary>
    Warned,

    /// <summary>The second warning went out too: the disconnection is scheduled for its date.</summary>
    Scheduled,

    /// <summary>Staff paused it with a reason; resuming starts again from a new first warning.</summary>
    Paused,

    /// <summary>The DSO has the disconnection order.</summary>
    DisconnectionOrdered,

    /// <summary>The DSO reported the disconnection done.</summary>
    Disconnected,

    Closed,
}

/// <summary>Why a case ended.</summary>
public enum DunningCloseReason
{
    /// <summary>The overdue debt fell below the threshold: paid (or credited).</summary>
    Paid,

    RepaymentSchedule,

    CourtDispute,

    Moratorium,

    /// <summary>The DSO refused the disconnection order.</summary>
    DsoRejected,

    /// <summary>The customer is no longer of a kind that is dunned.</summary>
    NotDunned,
}

/// <summary>
/// A case of dunning for one account (PRRE 7.5): opened with the first warning and a planned disconnection date,
/// warned a second time, ordered to the DSO on the date, ended by a payment, a hold or the DSO. Its state changes only
/// through the methods below, each checked against <see cref="DunningStateMachine"/>; each leaves a line in its history.
/// </summary>
internal sealed class DunningCase
{
    private readonly List<DunningWarning> _warnings = [];
    private readonly List<DunningHistoryEntry> _history = [];

    private DunningCase(Guid id, string number, AccountNumber accountNumber, Money amount, Instant openedAt)
    {
        Id = id;
        Number = number;
        AccountNumber = accountNumber;
        Amount = amount;
        OpenedAt = openedAt;
    }

    public Guid Id { get; private set; }

    /// <summary>The number staff, the customer and the DSO quote, e.g. <c>DN-20261207-8000000009</c>.</summary>
    public string Number { get; private set; }

    public AccountNumber AccountNumber { get; private set; }

    public DunningState State { get; private set; }

    /// <summary>The overdue debt as last stated to the customer (the latest warning's).</summary>
    public Money Amount { get; private set; }

    public Instant OpenedAt { get; private set; }

    /// <summary>When the disconnection is planned, Kyiv local time, as the warnings state it.</summary>
    public LocalDateTime PlannedDisconnectionAt { get; private set; }

    public LocalDate SecondWarningOn { get; private set; }

    public LocalDate PayBy { get; private set; }

    /// <summary>The DSO's disconnection order, once placed.</summary>
    public Guid? WorkOrderId { get; private set; }

    public Instant? DisconnectedAt { get; private set; }

    public string? PauseReason { get; private set; }

    public Instant? ClosedAt { get; private set; }

    public DunningCloseReason? CloseReason { get; private set; }

    public uint Version { get; private set; }

    public IReadOnlyList<DunningWarning> Warnings => _warnings;

    public IReadOnlyList<DunningHistoryEntry> History => _history;

    public bool IsOpen => State != DunningState.Closed;

    public DunningDates Dates => new(PlannedDisconnectionAt, SecondWarningOn, PayBy);

    /// <summary>Opens a case for <paramref name="overdue"/> debt; the first warning is recorded by <see cref="Warn"/> in the same unit of work.</summary>
    public static DunningCase Open(AccountNumber account, Money overdue, DunningDates dates, Instant now)
    {
        var today = KyivDate(now);
        var opened = new DunningCase(Guid.NewGuid(), $"DN-{today:yyyyMMdd}-{account.Value}", account, overdue, now) { State = DunningState.Warned };
        opened.Plan(dates);
        opened.Log(now, "opened", $"Відкрито: прострочений борг {Uah(overdue)}, відключення заплановано на {Format(dates.PlannedDisconnectionAt)}.", DunningActors.System);
        return opened;
    }

    /// <summary>Records a warning that went out (queued to its channel) stating <paramref name="amount"/> and the date.</summary>
    public DunningWarning Warn(int sequence, string channel, string? recipient, Money amount, Instant now)
    {
        var warning = DunningWarning.Record(Id, sequence, channel, recipient, amount, PlannedDisconnectionAt, now);
        _warnings.Add(warning);
        return warning;
    }

    /// <summary>The second warning is due: the case is scheduled for <paramref name="dates"/> (moved when the warning is late).</summary>
    public void WarnSecondTime(Money amount, DunningDates dates, Instant now)
    {
        Move(DunningState.Scheduled);
        Amount = amount;
        Plan(dates);
        Log(now, "second_warning", $"Друге попередження: борг {Uah(amount)}, відключення {Format(dates.PlannedDisconnectionAt)}.", DunningActors.System);
    }

    /// <summary>Whether the disconnection is due at <paramref name="now"/>: scheduled (both warnings out) and its time has come.</summary>
    public bool IsDisconnectionDue(Instant now) =>
        State == DunningState.Scheduled && now.InZone(Calendar.KyivTime.Zone).LocalDateTime >= PlannedDisconnectionAt;

    public void OrderDisconnection(Guid workOrderId, Money amount, Instant now)
    {
        if (!IsDisconnectionDue(now))
        {
            throw new BusinessRuleException("disconnection_not_due", "Відключення за справою {0} ще не настало: заплановано на {1}.", Number, Format(PlannedDisconnectionAt));
        }

        Move(DunningState.DisconnectionOrdered);
        WorkOrderId = workOrderId;
        Amount = amount;
        Log(now, "disconnection_ordered", $"Заявку на відключення передано ОСР: борг {Uah(amount)}.", DunningActors.System);
    }

    public void DsoDisconnected(Instant at, string actor)
    {
        Move(DunningState.Disconnected);
        DisconnectedAt = at;
        Log(at, "disconnected", "ОСР припинив електропостачання.", actor);
    }

    public void DsoRejected(Instant at, string? reason, string actor)
    {
        Move(DunningState.Closed);
        ClosedAt = at;
        CloseReason = DunningCloseReason.DsoRejected;
        Log(at, "dso_rejected", $"ОСР відмовив у відключенні: {reason}.", actor);
    }

    public void Pause(string reason, string actor, Instant now)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new BusinessRuleException("reason_required", "Вкажіть причину паузи — її збережено в історії справи.") { Category = RefusalCategory.InvalidInput };
        }

        Move(DunningState.Paused);
        PauseReason = reason.Trim();
        Log(now, "paused", $"Призупинено: {PauseReason}.", actor);
    }

    /// <summary>Resumes a paused case from a new first warning (recorded by <see cref="Warn"/>), with new dates.</summary>
    public void Resume(Money amount, DunningDates dates, string actor, Instant now)
    {
        Move(DunningState.Warned);
        PauseReason = null;
        Amount = amount;
        Plan(dates);
        Log(now, "resumed", $"Відновлено з новим першим попередженням: борг {Uah(amount)}, відключення {Format(dates.PlannedDisconnectionAt)}.", actor);
    }

    /// <summary>Ends the case; a disconnection order still with the DSO is for the caller to cancel.</summary>
    public void Close(DunningCloseReason reason, string text, string actor, Instant now)
    {
        Move(DunningState.Closed);
        ClosedAt = now;
        CloseReason = reason;
        Log(now, "closed", text, actor);
    }

    private void Plan(DunningDates dates)
    {
        PlannedDisconnectionAt = dates.PlannedDisconnectionAt;
        SecondWarningOn = dates.SecondWarningOn;
        PayBy = dates.PayBy;
    }

    private void Move(DunningState next)
    {
        DunningStateMachine.Ensure(State, next, Number);
        State = next;
        Version++;
    }

    private void Log(Instant at, string kind, string text, string actor) => _history.Add(DunningHistoryEntry.Of(Id, at, kind, text, actor));

    private static LocalDate KyivDate(Instant now) => Calendar.KyivTime.DateOf(now);

    /// <summary>Amounts in the history and the warnings read in Ukrainian whatever the culture of the request or job that wrote them.</summary>
    internal static string Uah(Money amount) => amount.ToString(null, System.Globalization.CultureInfo.GetCultureInfo("uk-UA"));

    internal static string Format(LocalDateTime at) => at.ToString("dd.MM.yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Who did something to a case, as its history records it.</summary>
internal static class DunningActors
{
    public const string System = "system";

    public static string Staff(string name) => $"staff:{name}";
}

/// <summary>The transitions of <see cref="DunningState"/>.</summary>
internal static class DunningStateMachine
{
    private static readonly HashSet<(DunningState From, DunningState To)> Allowed =
    [
        (DunningState.Warned, DunningState.Scheduled),
        (DunningState.Warned, DunningState.Paused),
        (DunningState.Warned, DunningState.Closed),
        (DunningState.Scheduled, DunningState.DisconnectionOrdered),
        (DunningState.Scheduled, DunningState.Paused),
        (DunningState.Scheduled, DunningState.Closed),
        (DunningState.Paused, DunningState.Warned),
        (DunningState.Paused, DunningState.Closed),
        (DunningState.DisconnectionOrdered, DunningState.Disconnected),
        (DunningState.DisconnectionOrdered, DunningState.Closed),
        (DunningState.Disconnected, DunningState.Closed),
    ];

    public static bool CanMove(DunningState from, DunningState to) => Allowed.Contains((from, to));

    public static void Ensure(DunningState from, DunningState to, string number)
    {
        if (!CanMove(from, to))
        {
            throw new BusinessRuleException("dunning_transition_not_allowed", "Справу {0} зі стану «{1}» не можна перевести в «{2}».",
                number, from.ToApiName(), to.ToApiName());
        }
    }
}

internal static class DunningNames
{
    public static string ToApiName(this DunningState state) => state switch
    {
        DunningState.Warned => "warned",
        DunningState.Scheduled => "scheduled",
        DunningState.Paused => "paused",
        DunningState.DisconnectionOrdered => "disconnection_ordered",
        DunningState.Disconnected => "disconnected",
        _ => "closed",
    };

    public static string ToApiName(this DunningCloseReason reason) => reason switch
    {
        DunningCloseReason.Paid => "paid",
        DunningCloseReason.RepaymentSchedule => "repayment_schedule",
        DunningCloseReason.CourtDispute => "court_dispute",
        DunningCloseReason.Moratorium => "moratorium",
        DunningCloseReason.DsoRejected => "dso_rejected",
        _ => "not_dunned",
    };

    public static bool TryParseApiName(string? name, out DunningState state)
    {
        foreach (var candidate in Enum.GetValues<DunningState>())
        {
            if (candidate.ToApiName() == name)
            {
                state = candidate;
                return true;
            }
        }

        state = default;
        return false;
    }
}
