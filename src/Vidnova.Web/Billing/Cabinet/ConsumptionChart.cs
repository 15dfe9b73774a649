using System.Globalization;
using NodaTime;
using Vidnova.Billing.Bills;
using Vidnova.Kernel;

namespace Vidnova.Billing.Cabinet;

/// <summary>
/// The geometry of the cabinet's consumption chart, drawn on the server as inline SVG (no script, no chart library):
/// a bar per month from the first billed month of the range to the last, stacked by zone for a multi-zone meter, an
/// estimated month hatched instead of filled. The numbers are in the SVG's own units (<see cref="Width"/> ×
/// <see cref="Height"/>); the SVG scales to the page's width, so these are chosen for a phone's 360–400 px, where one
/// unit is about one pixel and the labels stay readable.
/// </summary>
internal sealed class ConsumptionChart
{
    public const double Width = 420;
    public const double Height = 240;
    public const double Left = 44;
    public const double Right = 6;
    public const double Top = 10;
    public const double Bottom = 26;
    private const double PlotWidth = Width - Left - Right;
    private const double PlotHeight = Height - Top - Bottom;

    /// <summary>Bottom to top in a bar: the night's kWh at the base, as the bill lists the cheapest zone last.</summary>
    public static readonly MeterZone[] StackOrder = [MeterZone.Total, MeterZone.Night, MeterZone.Day, MeterZone.HalfPeak, MeterZone.Peak];

    /// <summary>The table's and the CSV's order of zones: as the reading form asks for them.</summary>
    public static readonly MeterZone[] ColumnOrder = [MeterZone.Total, MeterZone.Day, MeterZone.Peak, MeterZone.HalfPeak, MeterZone.Night];

    private ConsumptionChart(IReadOnlyList<Bill> months, IReadOnlyList<MeterZone> zones, IReadOnlyList<ChartBar> bars, IReadOnlyList<ChartTick> ticks,
        IReadOnlyList<ChartLabel> labels)
    {
        Months = months;
        Zones = zones;
        Bars = bars;
        Ticks = ticks;
        Labels = labels;
    }

    /// <summary>The bills drawn, oldest first.</summary>
    public IReadOnlyList<Bill> Months { get; }

    /// <summary>The zones any month has, in <see cref="ColumnOrder"/>.</summary>
    public IReadOnlyList<MeterZone> Zones { get; }

    public IReadOnlyList<ChartBar> Bars { get; }

    public IReadOnlyList<ChartTick> Ticks { get; }

    public IReadOnlyList<ChartLabel> Labels { get; }

    public bool AnyEstimated => Months.Any(m => m.Estimated);

    /// <summary>The month's kWh of one zone, zero where the month's meter has no such zone.</summary>
    public static decimal KwhOf(Bill month, MeterZone zone) => month.ZoneKwh.TryGetValue(zone, out var kwh) ? kwh.Value : 0m;

    /// <param name="months">Bills oldest first, as <see cref="BillsApi.LastMonthsAsync"/> reads them.</param>
    public static ConsumptionChart Of(IReadOnlyList<Bill> months)
    {
        var zones = ColumnOrder.Where(z => months.Any(m => m.ZoneKwh.ContainsKey(z))).ToList();
        if (months.Count == 0)
        {
            return new ConsumptionChart(months, zones, [], [], []);
        }

        var first = months[0].Period.Month;
        var slots = MonthsBetween(first, months[^1].Period.Month) + 1;
        var top = NiceCeiling(months.Max(m => Math.Max(m.Kwh.Value, 0m)));
        var slot = PlotWidth / slots;
        var barWidth = Math.Min(slot * 0.7, 36);
        double YOf(decimal kwh) => Top + PlotHeight - (double)(kwh / top) * PlotHeight;

        var bars = new List<ChartBar>();
        foreach (var month in months)
        {
            var index = MonthsBetween(first, month.Period.Month);
            var x = Left + (index * slot) + ((slot - barWidth) / 2);
            var segments = new List<ChartSegment>();
            var below = 0m;
            foreach (var zone in StackOrder.Where(month.ZoneKwh.ContainsKey))
            {
                var kwh = Math.Max(month.ZoneKwh[zone].Value, 0m);
                if (kwh == 0m)
                {
                    continue;
                }

                segments.Add(new ChartSegment(zone, YOf(below + kwh), YOf(below) - YOf(below + kwh)));
                below += kwh;
            }

            bars.Add(new ChartBar(month, x, barWidth, segments));
        }

        var ticks = Enumerable.Range(0, 5).Select(i => top * i / 4).Select(kwh => new ChartTick(kwh, YOf(kwh))).ToList();
        // A label every month would not fit on a phone: every second or third month, always the last one.
        var step = slots <= 8 ? 1 : slots <= 16 ? 2 : 3;
        var labels = Enumerable.Range(0, slots).Where(i => (slots - 1 - i) % step == 0)
            .Select(i => new ChartLabel(first.PlusMonths(i).ToString("MM.yy", CultureInfo.InvariantCulture), Left + (i * slot) + (slot / 2)))
            .ToList();
        return new ConsumptionChart(months, zones, bars, ticks, labels);
    }

    /// <summary>The colour of a zone: each at least 3:1 against white (WCAG's contrast for graphics), and told apart by the legend and the table too.</summary>
    public static string ColourOf(MeterZone zone) => zone switch
    {
        MeterZone.Total or MeterZone.Day => "#0b5cad",
        MeterZone.Night => "#3d2f78",
        MeterZone.Peak => "#b35c00",
        MeterZone.HalfPeak => "#1d7a3a",
        _ => throw new ArgumentOutOfRangeException(nameof(zone), zone, null),
    };

    /// <summary>The id of the hatching an estimated month of this zone is filled with.</summary>
    public static string HatchOf(MeterZone zone) => "hatch-" + MeterZoneNames.Of(zone);

    /// <summary>The zone's name in the legend and the table's header, in the resources' Ukrainian.</summary>
    public static string ZoneLabel(MeterZone zone) => zone switch
    {
        MeterZone.Total => "Усього",
        MeterZone.Day => "Денна зона",
        MeterZone.Night => "Нічна зона",
        MeterZone.Peak => "Пікова зона",
        MeterZone.HalfPeak => "Напівпікова зона",
        _ => throw new ArgumentOutOfRangeException(nameof(zone), zone, null),
    };

    /// <summary>The smallest 1, 2, 2.5 or 5 × 10ⁿ at or above <paramref name="kwh"/>, so the axis reads in round numbers.</summary>
    internal static decimal NiceCeiling(decimal kwh)
    {
        if (kwh <= 0m)
        {
            return 100m;
        }

        var magnitude = 1m;
        while (magnitude * 10m <= kwh)
        {
            magnitude *= 10m;
        }

        while (magnitude > kwh && magnitude > 0.001m)
        {
            magnitude /= 10m;
        }

        foreach (var factor in new[] { 1m, 2m, 2.5m, 5m, 10m })
        {
            if (magnitude * factor >= kwh)
            {
                return magnitude * factor;
            }
        }

        return magnitude * 10m;
    }

    private static int MonthsBetween(YearMonth from, YearMonth to) => ((to.Year - from.Year) * 12) + to.Month - from.Month;

    /// <summary>Units in the SVG, invariant (a decimal comma would break the coordinates).</summary>
    public static string N(double value) => Math.Round(value, 2).ToString(CultureInfo.InvariantCulture);
}

/// <summary>One month's bar: its segments bottom to top.</summary>
internal sealed record ChartBar(Bill Month, double X, double Width, IReadOnlyList<ChartSegment> Segments);

internal sealed record ChartSegment(MeterZone Zone, double Y, double Height);

/// <summary>A line across the plot at <see cref="Kwh"/>, labelled on the axis.</summary>
internal sealed record ChartTick(decimal Kwh, double Y);

internal sealed record ChartLabel(string Text, double X);
