using NodaTime;
using Vidnova.Billing.Bills;
using Vidnova.Billing.Cabinet;
using Vidnova.Kernel;

namespace Vidnova.Tests.Billing;

/// <summary>The consumption chart's geometry: a slot per month from the first bill to the last, bars stacked by zone to scale, a round axis.</summary>
public sealed class ConsumptionChartTests
{
    private static Bill BillOf(int year, int month, bool estimated, params (MeterZone Zone, decimal Kwh)[] zones) =>
        Bill.Issue(Guid.NewGuid(), AccountNumber.Parse("7800000001"), BillingPeriod.Of(year, month),
            [.. zones.Select(z => new BillLine(BillLineKind.Energy, z.Zone, Kwh.Of(z.Kwh), PricePerKwh.Uah(4.32m), PricePerKwh.Uah(4.32m) * Kwh.Of(z.Kwh)))],
            estimated ? new BillEstimate(EstimateMethod.AverageDaily, 10m) : null, null, Money.Zero, Money.Zero, new LocalDate(2026, 12, 20),
            Instant.FromUtc(2026, 12, 4, 9, 0));

    [Theory]
    [InlineData(0, 100)]
    [InlineData(1, 1)]
    [InlineData(180, 200)]
    [InlineData(250, 250)]
    [InlineData(465, 500)]
    [InlineData(1200, 2000)]
    [InlineData(0.4, 0.5)]
    public void TheAxis_EndsAtARoundNumberAtOrAboveTheLargestMonth(decimal kwh, decimal top) => Assert.Equal(top, ConsumptionChart.NiceCeiling(kwh));

    [Fact]
    public void AMissingMonth_LeavesItsSlotEmpty_AndABarsZonesStackToItsTotal()
    {
        var chart = ConsumptionChart.Of([
            BillOf(2026, 8, false, (MeterZone.Day, 300m), (MeterZone.Night, 100m)),
            BillOf(2026, 10, true, (MeterZone.Day, 150m), (MeterZone.Night, 50m)),
        ]);

        Assert.Equal([MeterZone.Day, MeterZone.Night], chart.Zones);
        Assert.Equal(2, chart.Bars.Count);
        var (august, october) = (chart.Bars[0], chart.Bars[1]);
        // Three slots (August to October): October's bar stands two slots to the right of August's.
        var slot = (ConsumptionChart.Width - ConsumptionChart.Left - ConsumptionChart.Right) / 3;
        Assert.Equal(2 * slot, october.X - august.X, 6);
        // Night at the base, day on top; 400 kWh on an axis of 500 fills four fifths of the plot.
        Assert.Equal([MeterZone.Night, MeterZone.Day], august.Segments.Select(s => s.Zone));
        var plot = ConsumptionChart.Height - ConsumptionChart.Top - ConsumptionChart.Bottom;
        Assert.Equal(plot * 0.8, august.Segments.Sum(s => s.Height), 6);
        Assert.Equal(august.Segments[0].Y, august.Segments[1].Y + august.Segments[1].Height, 6);
        Assert.True(october.Month.Estimated);
        Assert.Equal([0m, 125m, 250m, 375m, 500m], chart.Ticks.Select(t => t.Kwh));
        Assert.Equal(["08.26", "09.26", "10.26"], chart.Labels.Select(l => l.Text));
    }
}
