using Microsoft.EntityFrameworkCore;
using NodaTime;
using Vidnova.Persistence;

namespace Vidnova.Calendar;

/// <summary>The working-day calendar as data: holidays per year, one-off transfers and the martial-law regime.</summary>
public sealed class CalendarStore(VidnovaDbContext db)
{
    public const int SeedFirstYear = 2024;
    public const int SeedLastYear = 2030;

    /// <summary>Martial law was introduced by Presidential Decree No. 64/2022 from 24.02.2022 and extended since.</summary>
    public static readonly LocalDate MartialLawStart = new(2022, 2, 24);

    public async Task<WorkingDayCalendar> LoadAsync(CancellationToken ct)
    {
        var holidays = await db.Set<CalendarHolidayRow>().AsNoTracking().ToListAsync(ct);
        var transfers = await db.Set<CalendarTransferRow>().AsNoTracking().ToListAsync(ct);
        var periods = await db.Set<MartialLawPeriodRow>().AsNoTracking().ToListAsync(ct);
        return new WorkingDayCalendar(
            holidays.Select(h => new PublicHoliday(h.Date, h.Name)),
            transfers.Select(t => new DayTransfer(t.Date, t.IsWorkingDay, t.Note)),
            periods.OrderBy(p => p.From).Select(p => new MartialLawPeriod(p.From, p.To)));
    }

    /// <summary>Adds a holiday; false when the date already has one.</summary>
    public async Task<bool> AddHolidayAsync(LocalDate date, string name, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (await db.Set<CalendarHolidayRow>().AnyAsync(h => h.Date == date, ct))
        {
            return false;
        }

        db.Set<CalendarHolidayRow>().Add(new CalendarHolidayRow { Date = date, Name = name.Trim() });
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Removes the holiday on a date; false when there was none.</summary>
    public async Task<bool> RemoveHolidayAsync(LocalDate date, CancellationToken ct = default)
    {
        var row = await db.Set<CalendarHolidayRow>().SingleOrDefaultAsync(h => h.Date == date, ct);
        if (row is null)
        {
            return false;
        }

        db.Set<CalendarHolidayRow>().Remove(row);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Makes a date a working day or a day off, replacing any earlier transfer on that date.</summary>
    public async Task SetTransferAsync(LocalDate date, bool isWorkingDay, string note, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(note);
        var row = await db.Set<CalendarTransferRow>().SingleOrDefaultAsync(t => t.Date == date, ct);
        if (row is null)
        {
            row = new CalendarTransferRow { Date = date };
            db.Set<CalendarTransferRow>().Add(row);
        }

        row.IsWorkingDay = isWorkingDay;
        row.Note = note.Trim();
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Removes the transfer on a date; false when there was none.</summary>
    public async Task<bool> RemoveTransferAsync(LocalDate date, CancellationToken ct = default)
    {
        var row = await db.Set<CalendarTransferRow>().SingleOrDefaultAsync(t => t.Date == date, ct);
        if (row is null)
        {
            return false;
        }

        db.Set<CalendarTransferRow>().Remove(row);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Replaces the martial-law regime with one period; <paramref name="to"/> null means still in force.</summary>
    public async Task SetMartialLawAsync(LocalDate from, LocalDate? to, CancellationToken ct = default)
    {
        if (to is { } end && end < from)
        {
            throw new ArgumentOutOfRangeException(nameof(to), to, "The end of martial law must not precede its start.");
        }

        var set = db.Set<MartialLawPeriodRow>();
        set.RemoveRange(await set.ToListAsync(ct));
        set.Add(new MartialLawPeriodRow { From = from, To = to });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// On an empty holiday table, inserts the art. 73 holidays for <see cref="SeedFirstYear"/>–<see cref="SeedLastYear"/>
    /// and, if none is recorded, martial law from 24.02.2022 with no end.
    /// </summary>
    public async Task SeedAsync(CancellationToken ct)
    {
        if (await db.Set<CalendarHolidayRow>().AnyAsync(ct))
        {
            return;
        }

        var rows = Enumerable.Range(SeedFirstYear, SeedLastYear - SeedFirstYear + 1)
            .SelectMany(UkrainianPublicHolidays.For)
            .GroupBy(h => h.Date) // the table is unique on date; coinciding holidays share one row
            .Select(g => new CalendarHolidayRow { Date = g.Key, Name = string.Join("; ", g.Select(h => h.Name)) });
        db.Set<CalendarHolidayRow>().AddRange(rows);

        if (!await db.Set<MartialLawPeriodRow>().AnyAsync(ct))
        {
            db.Set<MartialLawPeriodRow>().Add(new MartialLawPeriodRow { From = MartialLawStart, To = null });
        }

        await db.SaveChangesAsync(ct);
    }
}
