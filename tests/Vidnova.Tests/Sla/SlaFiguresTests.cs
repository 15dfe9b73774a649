using NodaTime;
using Vidnova.Sla;

namespace Vidnova.Tests.Sla;

public sealed class SlaFiguresTests
{
    private static readonly LocalDate Today = new(2026, 11, 25);
    private static readonly Instant Sent = Instant.FromUtc(2026, 11, 20, 8, 0);

    [Fact]
    public void OpenRequests_AreBucketedByDaysLeft()
    {
        SlaRow[] rows =
        [
            Open("kyiv-city", null),
            Open("kyiv-city", Today.PlusDays(-1)),
            Open("kyiv-city", Today),
            Open("kyiv-city", Today.PlusDays(1)),
            Open("kyiv-city", Today.PlusDays(3)),
            Open("kyiv-region", Today),
            Done("kyiv-city", Today, Instant.FromUtc(2026, 11, 24, 10, 0)),
        ];

        var open = SlaFigures.OpenByDso(rows, Today);

        Assert.Equal(new OpenByDaysLeft("kyiv-city", 1, 1, 1, 1, 1), open[0]);
        Assert.Equal(new OpenByDaysLeft("kyiv-region", 0, 0, 1, 0, 0), open[1]);
    }

    [Fact]
    public void OnTimeRate_ComparesTheKyivCompletionDateWithTheDeadline()
    {
        SlaRow[] rows =
        [
            Done("kyiv-city", new LocalDate(2026, 11, 30), Instant.FromUtc(2026, 11, 30, 21, 30)), // 23:30 Kyiv on the deadline: on time
            Done("kyiv-city", new LocalDate(2026, 11, 30), Instant.FromUtc(2026, 11, 30, 22, 30)), // 00:30 Kyiv next day: late
        ];

        var rate = Assert.Single(SlaFigures.OnTimeRates(rows), r => r.Month == new YearMonth(2026, 11));

        Assert.Equal(1, rate.OnTime);
        Assert.Equal(1, rate.Completed);
        Assert.Equal(1, SlaFigures.OnTimeRates(rows).Single(r => r.Month == new YearMonth(2026, 12)).Completed);
    }

    [Fact]
    public void TimesToRestore_GiveMedianAndNinetiethPercentile()
    {
        var rows = Enumerable.Range(1, 10)
            .Select(hours => new SlaRow("kyiv-city", $"VN-{hours}", "completed", Sent, Sent, Today, Sent + Duration.FromHours(hours), false))
            .ToList();

        var times = Assert.Single(SlaFigures.TimesToRestore(rows));

        Assert.Equal(10, times.Count);
        Assert.Equal(Duration.FromHours(5), times.Median);
        Assert.Equal(Duration.FromHours(9), times.Percentile90);
    }

    [Fact]
    public void Escalations_AreOverdueDueSoonOrUnacknowledgedForADay()
    {
        var now = Instant.FromUtc(2026, 11, 25, 12, 0);
        SlaRow[] rows =
        [
            Open("a", Today.PlusDays(-1)) with { ApplicationNumber = "overdue" },
            Open("a", Today.PlusDays(1)) with { ApplicationNumber = "tomorrow" },
            Open("a", Today.PlusDays(2)) with { ApplicationNumber = "later" },
            Open("a", null) with { ApplicationNumber = "silent", SentAt = now - Duration.FromHours(25) },
            Open("a", null) with { ApplicationNumber = "fresh", SentAt = now - Duration.FromHours(2) },
        ];

        var escalations = SlaFigures.Escalations(rows, Today, now).Select(r => r.ApplicationNumber);

        Assert.Equal(["silent", "overdue", "tomorrow"], escalations);
    }

    private static SlaRow Open(string dso, LocalDate? deadline) =>
        new(dso, "VN", deadline is null ? "pending" : "received", Sent, deadline is null ? null : Sent, deadline, null, false);

    private static SlaRow Done(string dso, LocalDate deadline, Instant completed) =>
        new(dso, "VN", "completed", Sent, Sent, deadline, completed, false);
}
