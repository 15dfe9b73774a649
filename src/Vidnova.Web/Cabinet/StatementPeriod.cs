using NodaTime;
using NodaTime.Text;
using Vidnova.Calendar;
using Vidnova.Problems;

namespace Vidnova.Cabinet;

/// <summary>The days of a ledger statement in Kyiv, either end open: <c>from</c> and <c>to</c> both included.</summary>
internal sealed record StatementPeriod(LocalDate? From, LocalDate? To)
{
    private static readonly LocalDate Earliest = new(2000, 1, 1);
    private static readonly LocalDate Latest = new(2100, 12, 31);

    public static StatementPeriod All { get; } = new(null, null);

    /// <summary>The first moment of <see cref="From"/> in Kyiv.</summary>
    public Instant? Start => From?.AtStartOfDayInZone(KyivTime.Zone).ToInstant();

    /// <summary>The first moment after <see cref="To"/> in Kyiv.</summary>
    public Instant? End => To?.PlusDays(1).AtStartOfDayInZone(KyivTime.Zone).ToInstant();

    /// <summary>Reads the query's dates (ISO, <c>2026-11-25</c>; empty means open); 400 with the field for a bad one or a reversed period.</summary>
    public static StatementPeriod Parse(string? from, string? to)
    {
        var errors = new InputErrors();
        var start = Date("from", from, errors);
        var end = Date("to", to, errors);
        if (start is { } s && end is { } e && s > e)
        {
            errors.Add("to", "Кінець періоду не може бути раніше за його початок.");
        }

        errors.ThrowIfAny();
        return new StatementPeriod(start, end);
    }

    private static LocalDate? Date(string field, string? text, InputErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var parsed = LocalDatePattern.Iso.Parse(text.Trim());
        if (!parsed.Success || parsed.Value < Earliest || parsed.Value > Latest)
        {
            errors.Add(field, "Дата — у форматі РРРР-ММ-ДД (наприклад, 2026-11-25), між 2000 і 2100 роками.");
            return null;
        }

        return parsed.Value;
    }
}
