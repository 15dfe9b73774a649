using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Vidnova.Calendar;
using Vidnova.Persistence;

namespace Vidnova.Tests.Calendar;

public sealed class CalendarStoreTests : IDisposable
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");

    public CalendarStoreTests()
    {
        _connection.Open();
        using var db = NewContext();
        db.Database.EnsureCreated();
    }

    public void Dispose() => _connection.Dispose();

    private VidnovaDbContext NewContext() =>
        new(new DbContextOptionsBuilder<VidnovaDbContext>().UseSqlite(_connection).Options);

    [Fact]
    public async Task SeedAsync_OnEmptyDatabase_LoadsHolidaysAndOpenEndedMartialLaw()
    {
        await using (var db = NewContext())
        {
            await new CalendarStore(db).SeedAsync(CancellationToken.None);
            await new CalendarStore(db).SeedAsync(CancellationToken.None); // second run is a no-op
        }

        await using var read = NewContext();
        var calendar = await new CalendarStore(read).LoadAsync(CancellationToken.None);

        Assert.Equal(77, calendar.Holidays.Count); // 11 a year, 2024–2030
        Assert.Equal(new MartialLawPeriod(new LocalDate(2022, 2, 24), null), Assert.Single(calendar.MartialLawPeriods));
        Assert.True(calendar.IsWorkingDay(new LocalDate(2026, 8, 24)));
    }

    [Fact]
    public async Task AdminOperations_RoundTripThroughTheDatabase()
    {
        await using (var db = NewContext())
        {
            var store = new CalendarStore(db);
            Assert.True(await store.AddHolidayAsync(new LocalDate(2026, 8, 24), "День Незалежності України"));
            Assert.False(await store.AddHolidayAsync(new LocalDate(2026, 8, 24), "Дублікат"));
            await store.SetTransferAsync(new LocalDate(2026, 3, 16), true, "перша");
            await store.SetTransferAsync(new LocalDate(2026, 3, 16), false, "друга");
            await store.SetMartialLawAsync(new LocalDate(2022, 2, 24), null);
            await store.SetMartialLawAsync(new LocalDate(2022, 2, 24), new LocalDate(2026, 6, 30));
        }

        await using (var db = NewContext())
        {
            var calendar = await new CalendarStore(db).LoadAsync(CancellationToken.None);

            Assert.Equal(new DayTransfer(new LocalDate(2026, 3, 16), false, "друга"), Assert.Single(calendar.Transfers));
            Assert.Equal(
                new MartialLawPeriod(new LocalDate(2022, 2, 24), new LocalDate(2026, 6, 30)),
                Assert.Single(calendar.MartialLawPeriods));
            Assert.False(calendar.IsWorkingDay(new LocalDate(2026, 8, 24)));
            Assert.False(calendar.IsWorkingDay(new LocalDate(2026, 3, 16)));
        }

        await using (var db = NewContext())
        {
            var store = new CalendarStore(db);
            Assert.True(await store.RemoveHolidayAsync(new LocalDate(2026, 8, 24)));
            Assert.False(await store.RemoveHolidayAsync(new LocalDate(2026, 8, 24)));
            Assert.True(await store.RemoveTransferAsync(new LocalDate(2026, 3, 16)));
            var calendar = await store.LoadAsync(CancellationToken.None);

            Assert.Empty(calendar.Holidays);
            Assert.Empty(calendar.Transfers);
        }
    }

    [Fact]
    public async Task SetMartialLawAsync_WithEndBeforeStart_IsRefused()
    {
        await using var db = NewContext();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => new CalendarStore(db).SetMartialLawAsync(new LocalDate(2026, 5, 1), new LocalDate(2026, 4, 30)));
    }
}
