using Microsoft.EntityFrameworkCore;
using Vidnova.Persistence;

namespace Vidnova.Tests.Infrastructure;

/// <summary>
/// An empty database of each provider for a data-move test, with the statement that lets old-shape rows stand
/// without the rows they refer to (their other columns are not the point of such a test).
/// </summary>
public static class MigrationDatabases
{
    public static async Task OnSqliteAsync(Func<VidnovaDbContext, string, Task> test)
    {
        var file = Path.Combine(Path.GetTempPath(), $"vidnova-migration-{Guid.NewGuid():N}.db");
        try
        {
            await using var db = new SqliteVidnovaDbContext(new DbContextOptionsBuilder<SqliteVidnovaDbContext>()
                .UseSqlite($"Data Source={file};Foreign Keys=False").Options);
            await test(db, "PRAGMA foreign_keys = OFF;");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }

    public static async Task OnPostgresAsync(Func<VidnovaDbContext, string, Task> test)
    {
        await using var db = new PostgresVidnovaDbContext(new DbContextOptionsBuilder<PostgresVidnovaDbContext>()
            .UseNpgsql(PostgresServer.Instance.CreateDatabase()).Options);
        await test(db, "SET session_replication_role = replica;");
    }
}
