using Microsoft.EntityFrameworkCore;
using Vidnova.Tests.Infrastructure;

namespace Vidnova.Tests.Hosting;

/// <summary>On SQLite, every connection the host opens waits for another writer's lock inside SQLite itself.</summary>
public sealed class SqliteBusyTimeoutTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task EveryConnection_WaitsUpToThirtySecondsForTheWriteLock()
    {
        var timeout = await app.InDatabaseAsync(async db =>
        {
            await db.Database.OpenConnectionAsync();
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA busy_timeout";
            return await command.ExecuteScalarAsync();
        });

        Assert.Equal(30_000L, timeout);
    }
}
