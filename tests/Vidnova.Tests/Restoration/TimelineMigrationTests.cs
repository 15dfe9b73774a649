using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Vidnova.Persistence;
using Vidnova.Tests.Infrastructure;

namespace Vidnova.Tests.Restoration;

/// <summary>
/// Issue 10, item 7: timeline rows written as Ukrainian sentences stay readable after the Timeline migration (actor
/// split into kind and id, the sentence kept as a legacy entry's data), on both databases.
/// </summary>
public sealed class TimelineMigrationTests
{
    private const string Sentence = "Заявку на відновлення передано ОСР (kyiv-city) — «лапки» й \"подвійні\".";

    [Fact]
    public Task OldRows_OnSqlite_BecomeLegacyEntries_WithTheActorSplit() => MigrationDatabases.OnSqliteAsync(AssertMovedAsync);

    [Fact]
    public Task OldRows_OnPostgres_BecomeLegacyEntries_WithTheActorSplit() => MigrationDatabases.OnPostgresAsync(AssertMovedAsync);

    /// <param name="withoutForeignKeys">Lets the old rows stand without an application row (its many columns are not the point).</param>
    private static async Task AssertMovedAsync(VidnovaDbContext db, string withoutForeignKeys)
    {
        var migrator = db.GetService<IMigrator>();
        var migrations = db.Database.GetMigrations().ToList();
        var timeline = migrations.Single(m => m.EndsWith("_Timeline", StringComparison.Ordinal));
        await migrator.MigrateAsync(migrations[migrations.IndexOf(timeline) - 1]);
        await db.Database.OpenConnectionAsync();
        var postgres = db.Database.IsNpgsql();
        string Q(string name) => postgres ? $"\"{name}\"" : name;
        var insert = withoutForeignKeys + $$"""
            INSERT INTO application_timeline ({{Q("ApplicationId")}}, {{Q("At")}}, {{Q("Actor")}}, {{Q("Kind")}}, {{Q("Description")}}) VALUES
              ({0}, {1}, 'staff:olena@vidnova.test', 'receipt_approved', 'Квитанцію підтверджено.'),
              ({0}, {1}, 'system', 'sent_to_dso', {2});
            """;
        await db.Database.ExecuteSqlRawAsync(insert, Guid.NewGuid(), new DateTime(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc), Sentence);

        await migrator.MigrateAsync();

        var rows = await ReadAsync(db.Database.GetDbConnection(),
            $"SELECT {Q("ActorKind")}, {Q("ActorId")}, {Q("Data")} FROM application_timeline ORDER BY {Q("Id")}");
        Assert.Equal(("staff", "olena@vidnova.test"), (rows[0].Kind, rows[0].Id));
        Assert.Equal(("system", null), (rows[1].Kind, rows[1].Id));
        var entry = new Vidnova.Restoration.TimelineEntry(default, "sent_to_dso", Vidnova.Restoration.ActorKind.System, null, rows[1].Data);
        Assert.Equal(Sentence, entry.Values()[Vidnova.Restoration.TimelineEntry.LegacyText]);
        Assert.Equal(Sentence, Timelines.Describe(entry));
    }

    private static async Task<List<(string Kind, string? Id, string Data)>> ReadAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, string?, string)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2)));
        }

        return rows;
    }
}
