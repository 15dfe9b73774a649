using NodaTime;
using NodaTime.Text;
using Vidnova.Calendar;

namespace Vidnova.Tests.Calendar;

public sealed class KyivTimeTests
{
    [Theory]
    [InlineData("2026-11-24T22:30:00Z", "2026-11-25")] // winter, UTC+2: 00:30 next day
    [InlineData("2026-11-24T21:59:00Z", "2026-11-24")] // winter, UTC+2: 23:59 same day
    [InlineData("2026-07-14T21:30:00Z", "2026-07-15")] // summer, UTC+3: 00:30 next day
    [InlineData("2026-07-14T20:59:00Z", "2026-07-14")] // summer, UTC+3: 23:59 same day
    public void DateOf_NearMidnight_UsesKyivOffset(string instant, string expectedDate)
    {
        var parsed = InstantPattern.ExtendedIso.Parse(instant).Value;

        Assert.Equal(LocalDatePattern.Iso.Parse(expectedDate).Value, KyivTime.DateOf(parsed));
    }

    [Fact]
    public void Zone_IsEuropeKyiv()
    {
        Assert.Equal("Europe/Kyiv", KyivTime.Zone.Id);
        Assert.Equal(Offset.FromHours(2), KyivTime.Zone.GetUtcOffset(Instant.FromUtc(2026, 1, 15, 12, 0)));
    }
}
