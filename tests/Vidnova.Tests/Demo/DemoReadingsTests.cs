using System.Net;
using Vidnova.Tests.Infrastructure;
using Vidnova.Tests.Readings;

namespace Vidnova.Tests.Demo;

/// <summary>The demo accounts come with meters and three months of readings, so the reading form and bills have something to show.</summary>
public sealed class DemoReadingsTests(DemoApp app) : IClassFixture<DemoApp>
{
    [Fact]
    public async Task DemoAccounts_HaveAMeterWithAReadingAtTheEndOfEachOfTheLastThreeMonths()
    {
        var readings = await (await app.Admin().GetAsync("/api/v1/accounts/1000000003/readings")).ReadAsync<List<ReadingBody>>(HttpStatusCode.OK);

        // The demo host runs on the real clock (its DSO simulator signs with it), so the months are relative to today.
        Assert.Equal(4, readings.Count);
        Assert.All(readings.Take(3), r => Assert.Equal((true, 270m, "staff"), (r.EndOfPeriod, r.Kwh, r.Source)));
        var periods = readings.Take(3).Select(r => Vidnova.Kernel.BillingPeriod.Parse(r.Period)).ToList();
        Assert.Equal([periods[0].Previous, periods[0].Previous.Previous], periods.Skip(1));
        Assert.Equal("installation", readings[^1].Source);
    }
}
