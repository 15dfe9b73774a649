using NodaTime;

namespace Vidnova.Calendar;

/// <summary>
/// Working days in Ukraine: Monday–Friday minus public holidays (Labour Code art. 73), with the art. 67 rule that a
/// holiday on a weekend moves the day off to the next working day, suspended under martial law, and with one-off
/// transfers that override everything. Pure: the data comes in through the constructor.
/// </summary>
public sealed class WorkingDayCalendar
{
    private readonly Dictionary<LocalDate, PublicHoliday> _holidays;
    private readonly Dictionary<LocalDate, DayTransfer> _transfers;
    private readonly List<MartialLawPeriod> _martialLaw;
    private readonly HashSet<LocalDate> _movedDaysOff;

    public WorkingDayCalendar(
        IEnumerable<PublicHoliday> holidays,
        IEnumerable<DayTransfer> transfers,
        IEnumerable<MartialLawPeriod> martialLaw)
    {
        ArgumentNullException.ThrowIfNull(holidays);
        ArgumentNullException.ThrowIfNull(transfers);
        ArgumentNullException.ThrowIfNull(martialLaw);

        // Two holidays may share a date (Easter on 1 May); it is still one day off.
        _holidays = holidays.GroupBy(h => h.Date).ToDictionary(g => g.Key, g => g.First());
        _transfers = transfers.GroupBy(t => t.Date).ToDictionary(g => g.Key, g => g.Last());
        _martialLaw = [.. martialLaw];
        _movedDaysOff = ComputeMovedDaysOff();
    }

    public IReadOnlyCollection<PublicHoliday> Holidays => _holidays.Values;

    public IReadOnlyCollection<DayTransfer> Transfers => _transfers.Values;

    public IReadOnlyList<MartialLawPeriod> MartialLawPeriods => _martialLaw;

    public bool IsUnderMartialLaw(LocalDate date) => _martialLaw.Exists(p => p.Covers(date));

    public PublicHoliday? HolidayOn(LocalDate date) => _holidays.GetValueOrDefault(date);

    public DayTransfer? TransferOn(LocalDate date) => _transfers.GetValueOrDefault(date);

    /// <summary>True when <paramref name="date"/> is a day off moved there from a holiday on a weekend (art. 67).</summary>
    public bool IsMovedDayOff(LocalDate date) => _movedDaysOff.Contains(date) && !_transfers.ContainsKey(date);

    public bool IsWorkingDay(LocalDate date)
    {
        // A one-off transfer decides the day outright.
        if (_transfers.TryGetValue(date, out var transfer))
        {
            return transfer.IsWorkingDay;
        }

        if (IsWeekend(date))
        {
            return false;
        }

        // Law No. 2136-IX art. 6: under martial law art. 73 (and art. 67 part 3) do not apply, so only weekends are off.
        if (IsUnderMartialLaw(date))
        {
            return true;
        }

        return !_holidays.ContainsKey(date) && !_movedDaysOff.Contains(date);
    }

    /// <summary>The <paramref name="n"/>-th working day counting from the day after <paramref name="date"/>.</summary>
    public LocalDate NthWorkingDayAfter(LocalDate date, int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);

        var day = date;
        var found = 0;
        while (found < n)
        {
            day = day.PlusDays(1);
            if (IsWorkingDay(day))
            {
                found++;
            }
        }

        return day;
    }

    /// <summary>The <paramref name="n"/>-th working day counting back from the day before <paramref name="date"/>: the day whose <see cref="NthWorkingDayAfter"/> is <paramref name="date"/> when that is a working day.</summary>
    public LocalDate NthWorkingDayBefore(LocalDate date, int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);

        var day = date;
        var found = 0;
        while (found < n)
        {
            day = day.PlusDays(-1);
            if (IsWorkingDay(day))
            {
                found++;
            }
        }

        return day;
    }

    private static bool IsWeekend(LocalDate date) =>
        date.DayOfWeek is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday;

    /// <summary>
    /// Labour Code art. 67 part 3: when a weekend day and a holiday coincide, the day off moves to the next day after
    /// the holiday — the next Monday–Friday that is not itself a holiday or already taken by an earlier move (1 May on
    /// a Saturday and Easter on the Sunday give Monday and Tuesday off). Not applied under martial law (2136-IX).
    /// </summary>
    private HashSet<LocalDate> ComputeMovedDaysOff()
    {
        var moved = new HashSet<LocalDate>();
        foreach (var holiday in _holidays.Keys.Where(IsWeekend).Order())
        {
            if (IsUnderMartialLaw(holiday))
            {
                continue;
            }

            var day = holiday.PlusDays(1);
            while (IsWeekend(day) || _holidays.ContainsKey(day) || moved.Contains(day))
            {
                day = day.PlusDays(1);
            }

            // If martial law has begun by then, the moved day off is not granted either.
            if (!IsUnderMartialLaw(day))
            {
                moved.Add(day);
            }
        }

        return moved;
    }
}
