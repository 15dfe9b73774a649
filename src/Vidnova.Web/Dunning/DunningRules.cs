using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Vidnova.Accounts;
using Vidnova.Calendar;
using Vidnova.Kernel;

namespace Vidnova.Dunning;

/// <summary>
/// The dates a case runs by: the planned disconnection, the day of the second warning and the day by which the
/// customer should pay for the payment to arrive in time.
/// </summary>
internal sealed record DunningDates(LocalDateTime PlannedDisconnectionAt, LocalDate SecondWarningOn, LocalDate PayBy);

/// <summary>The rules of dunning as plain arithmetic over the calendar and the configuration: no I/O.</summary>
internal static class DunningRules
{
    /// <summary>
    /// The debt past its due date: the balance less the charges not yet overdue. Payments settle the oldest charges
    /// first, so whatever the balance exceeds the recent charges by is old debt. Never below zero.
    /// </summary>
    public static Money OverdueDebt(Money balance, Money chargesNotYetOverdue) => Money.Max(balance - chargesNotYetOverdue, Money.Zero);

    /// <summary>The first day on which a charge due on <paramref name="dueOn"/> counts as overdue.</summary>
    public static LocalDate OverdueFrom(LocalDate dueOn, DunningOptions options) => dueOn.PlusDays(Math.Max(0, options.DaysAfterDue) + 1);

    /// <summary>
    /// Charges due on this day or later are not overdue today: the earliest due date that still counts as recent
    /// (a charge due before it is overdue debt).
    /// </summary>
    public static LocalDate NotYetOverdueSince(LocalDate today, DunningOptions options) => today.PlusDays(-Math.Max(0, options.DaysAfterDue));

    /// <summary>
    /// The dates of a case whose first warning goes out on <paramref name="firstWarningOn"/>: the disconnection on the
    /// <c>FirstWarningWorkingDays</c>-th working day after it (PRRE 7.5: no fewer than 10), at <c>DisconnectionHour</c>.
    /// </summary>
    public static DunningDates Plan(LocalDate firstWarningOn, WorkingDayCalendar calendar, DunningOptions options) =>
        DatesFor(calendar.NthWorkingDayAfter(firstWarningOn, Math.Max(1, options.FirstWarningWorkingDays)), calendar, options);

    /// <summary>
    /// The dates once the second warning goes out on <paramref name="today"/>: the planned date stands unless the
    /// second warning is late (the job did not run on its day), in which case the date moves so that the customer still
    /// gets the full <c>SecondWarningWorkingDays</c> after it. Never earlier than planned.
    /// </summary>
    public static DunningDates Replan(DunningDates planned, LocalDate today, WorkingDayCalendar calendar, DunningOptions options)
    {
        if (today <= planned.SecondWarningOn)
        {
            return planned;
        }

        var date = calendar.NthWorkingDayAfter(today, Math.Max(1, options.SecondWarningWorkingDays));
        return date > planned.PlannedDisconnectionAt.Date ? DatesFor(date, calendar, options) : planned;
    }

    public static DunningDates DatesFor(LocalDate disconnectionOn, WorkingDayCalendar calendar, DunningOptions options) => new(
        disconnectionOn.At(new LocalTime(Math.Clamp(options.DisconnectionHour, 0, 23), 0)),
        calendar.NthWorkingDayBefore(disconnectionOn, Math.Max(1, options.SecondWarningWorkingDays)),
        // Banking days are the days banks settle on: the working days of the same calendar (the NBU follows it).
        options.PaymentArrivalBankingDays > 0 ? calendar.NthWorkingDayBefore(disconnectionOn, options.PaymentArrivalBankingDays) : disconnectionOn);

    /// <summary>The moratorium that protects this account on <paramref name="date"/>, if one does.</summary>
    public static DunningMoratorium? MoratoriumFor(PersonalAccountSummary account, LocalDate date, DunningOptions options) =>
        options.Moratoria.FirstOrDefault(m => Covers(m, account, date));

    /// <summary>Whether the daily work (new cases, warnings) is due: from <c>RunAtHour</c> in Kyiv.</summary>
    public static bool IsDailyWorkDue(Instant now, DunningOptions options) => now.InZone(KyivTime.Zone).Hour >= options.RunAtHour;

    private static bool Covers(DunningMoratorium moratorium, PersonalAccountSummary account, LocalDate date) =>
        (ParseDate(moratorium.From) is not { } from || date >= from)
        && (ParseDate(moratorium.To) is not { } to || date <= to)
        && (moratorium.CustomerKinds.Count == 0 || moratorium.CustomerKinds.Contains(account.Kind == CustomerKind.Household ? "household" : "non_household"))
        && (moratorium.DsoCodes.Count == 0 || moratorium.DsoCodes.Contains(account.DsoCode.Value, StringComparer.OrdinalIgnoreCase))
        && (moratorium.AddressContains.Count == 0 || moratorium.AddressContains.Exists(part => account.Address.Contains(part, StringComparison.OrdinalIgnoreCase)));

    private static LocalDate? ParseDate(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null
        : LocalDatePattern.Iso.Parse(text.Trim()) is { Success: true } parsed ? parsed.Value
        : throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"Dunning:Moratoria: «{text}» is not a yyyy-MM-dd date."));
}
