using NodaTime;
using Vidnova.Calendar;

namespace Vidnova.Sla;

/// <summary>One restoration request as the supervisor dashboard sees it.</summary>
internal sealed record SlaRow(
    string DsoCode,
    string ApplicationNumber,
    string Status,
    Instant SentAt,
    Instant? ReceivedAt,
    LocalDate? Deadline,
    Instant? CompletedAt,
    bool Breached);

internal sealed record OpenByDaysLeft(string DsoCode, int NotAcknowledged, int Overdue, int DueToday, int DueTomorrow, int Later)
{
    public int Total => NotAcknowledged + Overdue + DueToday + DueTomorrow + Later;
}

internal sealed record OnTimeRate(string DsoCode, YearMonth Month, int Completed, int OnTime)
{
    public double Rate => Completed == 0 ? 0 : (double)OnTime / Completed;
}

internal sealed record RestorationTimes(string DsoCode, int Count, Duration Median, Duration Percentile90);

/// <summary>The SLA figures supervisors follow (КСР 11.5.23 deadlines, NEURC No. 375 breaches), computed from rows.</summary>
internal static class SlaFigures
{
    /// <summary>Open requests per DSO by how many calendar days are left to the deadline (Kyiv dates).</summary>
    public static IReadOnlyList<OpenByDaysLeft> OpenByDso(IEnumerable<SlaRow> rows, LocalDate today) =>
        rows.Where(r => r.CompletedAt is null && r.Status is "pending" or "received")
            .GroupBy(r => r.DsoCode)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new OpenByDaysLeft(
                g.Key,
                g.Count(r => r.Deadline is null),
                g.Count(r => r.Deadline < today),
                g.Count(r => r.Deadline == today),
                g.Count(r => r.Deadline == today.PlusDays(1)),
                g.Count(r => r.Deadline > today.PlusDays(1))))
            .ToList();

    /// <summary>
    /// What a supervisor should chase today: open requests past or at their deadline or due tomorrow, and requests
    /// the DSO has not acknowledged a day after they were sent (the SLA clock cannot start without it).
    /// </summary>
    public static IReadOnlyList<SlaRow> Escalations(IEnumerable<SlaRow> rows, LocalDate today, Instant now) =>
        rows.Where(r => r.CompletedAt is null && r.Status is "pending" or "received")
            .Where(r => r.Deadline <= today.PlusDays(1) || (r.ReceivedAt is null && now - r.SentAt > Duration.FromDays(1)))
            .OrderBy(r => r.Deadline ?? LocalDate.MinIsoValue)
            .ThenBy(r => r.SentAt)
            .ToList();

    /// <summary>Share of completed requests restored by the deadline, per DSO and month of completion.</summary>
    public static IReadOnlyList<OnTimeRate> OnTimeRates(IEnumerable<SlaRow> rows) =>
        rows.Where(r => r.CompletedAt is not null && r.Deadline is not null)
            .GroupBy(r => (r.DsoCode, Month: KyivTime.DateOf(r.CompletedAt!.Value).ToYearMonth()))
            .OrderBy(g => g.Key.DsoCode, StringComparer.Ordinal).ThenBy(g => g.Key.Month)
            .Select(g => new OnTimeRate(g.Key.DsoCode, g.Key.Month, g.Count(),
                g.Count(r => KyivTime.DateOf(r.CompletedAt!.Value) <= r.Deadline)))
            .ToList();

    /// <summary>Time from the DSO's acknowledgement to reconnection, per DSO: median and 90th percentile.</summary>
    public static IReadOnlyList<RestorationTimes> TimesToRestore(IEnumerable<SlaRow> rows) =>
        rows.Where(r => r.ReceivedAt is not null && r.CompletedAt is not null)
            .GroupBy(r => r.DsoCode)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var sorted = g.Select(r => r.CompletedAt!.Value - r.ReceivedAt!.Value).Order().ToList();
                return new RestorationTimes(g.Key, sorted.Count, Percentile(sorted, 0.5), Percentile(sorted, 0.9));
            })
            .ToList();

    /// <summary>Nearest-rank percentile of an ascending list.</summary>
    public static Duration Percentile(IReadOnlyList<Duration> ascending, double fraction)
    {
        if (ascending.Count == 0)
        {
            return Duration.Zero;
        }

        var rank = (int)Math.Ceiling(fraction * ascending.Count);
        return ascending[Math.Clamp(rank - 1, 0, ascending.Count - 1)];
    }
}
