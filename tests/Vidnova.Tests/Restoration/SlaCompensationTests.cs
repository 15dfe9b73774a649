using NodaTime;
using Vidnova.Kernel;
using Vidnova.Restoration;

namespace Vidnova.Tests.Restoration;

public sealed class SlaCompensationTests
{
    [Fact]
    public void CreditBy_ForABreachRecordedJustAfterKyivMidnight_CountsFromTheKyivDate()
    {
        // 00:10 on 1 December in Kyiv (UTC+2) is still 30 November in UTC.
        var recordedAt = Instant.FromUtc(2026, 11, 30, 22, 10);
        var compensation = new SlaCompensation(Money.Uah(100m), Household: true, new LocalDate(2026, 11, 27), recordedAt);

        Assert.Equal(new LocalDate(2027, 1, 15), compensation.CreditBy);
    }

    [Fact]
    public void CreditBy_InSummer_CountsFromTheKyivDateAtUtcPlusThree()
    {
        // 02:30 on 1 July in Kyiv (UTC+3) is 23:30 on 30 June in UTC.
        var recordedAt = Instant.FromUtc(2027, 6, 30, 23, 30);
        var compensation = new SlaCompensation(Money.Uah(100m), Household: false, new LocalDate(2027, 6, 28), recordedAt);

        Assert.Equal(new LocalDate(2027, 8, 15), compensation.CreditBy);
    }
}
