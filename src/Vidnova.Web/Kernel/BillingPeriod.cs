using System.Diagnostics.CodeAnalysis;
using NodaTime;
using NodaTime.Text;

namespace Vidnova.Kernel;

/// <summary>A billing period: one calendar month in Kyiv, written <c>2026-11</c>.</summary>
public readonly record struct BillingPeriod : IComparable<BillingPeriod>
{
    private static readonly YearMonthPattern Pattern = YearMonthPattern.CreateWithInvariantCulture("uuuu'-'MM");

    private BillingPeriod(YearMonth month) => Month = month;

    public YearMonth Month { get; }

    public LocalDate FirstDay => Month.OnDayOfMonth(1);

    public LocalDate LastDay => Month.OnDayOfMonth(Days);

    public int Days => CalendarSystem.Iso.GetDaysInMonth(Month.Year, Month.Month);

    public BillingPeriod Next => new(Month.PlusMonths(1));

    public BillingPeriod Previous => new(Month.PlusMonths(-1));

    public static BillingPeriod Of(int year, int month) => new(new YearMonth(year, month));

    /// <summary>The period a date belongs to by the calendar (the reading window is <c>Readings.ReadingWindow</c>'s rule).</summary>
    public static BillingPeriod Containing(LocalDate date) => new(date.ToYearMonth());

    public static bool TryParse(string? text, [NotNullWhen(true)] out BillingPeriod? period)
    {
        period = null;
        if (text is null || text.Length != 7)
        {
            return false;
        }

        var result = Pattern.Parse(text);
        if (!result.Success || result.Value.Year is < 2000 or > 2999)
        {
            return false;
        }

        period = new BillingPeriod(result.Value);
        return true;
    }

    public static BillingPeriod Parse(string text) =>
        TryParse(text, out var period) ? period.Value : throw new FormatException($"'{text}' is not a billing period (yyyy-MM).");

    public int CompareTo(BillingPeriod other) => Month.CompareTo(other.Month);

    public static bool operator <(BillingPeriod left, BillingPeriod right) => left.CompareTo(right) < 0;

    public static bool operator >(BillingPeriod left, BillingPeriod right) => left.CompareTo(right) > 0;

    public static bool operator <=(BillingPeriod left, BillingPeriod right) => left.CompareTo(right) <= 0;

    public static bool operator >=(BillingPeriod left, BillingPeriod right) => left.CompareTo(right) >= 0;

    public override string ToString() => Pattern.Format(Month);
}
