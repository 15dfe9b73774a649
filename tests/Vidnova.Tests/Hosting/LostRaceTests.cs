using Microsoft.EntityFrameworkCore;
using Npgsql;
using Vidnova.Persistence;

namespace Vidnova.Tests.Hosting;

/// <summary>Which failed saves mean "someone else was first" (409, look again) rather than a fault (500).</summary>
public sealed class LostRaceTests
{
    [Theory]
    [InlineData("40P01")] // deadlock: PostgreSQL broke it by failing one of the two
    [InlineData("40001")] // serialization failure
    [InlineData("23505")] // the unique key was taken a moment earlier
    public void APostgresRace_IsLost(string sqlState) =>
        Assert.True(new DbUpdateException("save failed", new PostgresException("race", "ERROR", "ERROR", sqlState)).IsLostRace());

    [Fact]
    public void AStaleVersion_IsLost() => Assert.True(new DbUpdateConcurrencyException("stale").IsLostRace());

    [Theory]
    [InlineData("23502")] // not-null violation: a bug, not a race
    [InlineData("53300")] // too many connections
    public void OtherFailures_AreNot(string sqlState) =>
        Assert.False(new DbUpdateException("save failed", new PostgresException("fault", "ERROR", "ERROR", sqlState)).IsLostRace());
}
