using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;
using Vidnova.Notifications;
using Vidnova.Persistence;
using Vidnova.Tests.Infrastructure;

namespace Vidnova.Tests.Notifications;

/// <summary>
/// Notifications stopped being restoration's mail (issue 10): the outbox row's <c>ApplicationId</c> became a
/// correlation id and <c>To</c> its recipient, with a channel. Rows queued before the upgrade keep what they carried.
/// </summary>
public abstract class OutboxMigrationTests(DatabaseProvider provider) : IDisposable
{
    /// <summary>The last migration before issue 10 reshaped the outbox.</summary>
    private const string BeforeIssue10 = "HostileInput";

    private readonly string _folder = Directory.CreateTempSubdirectory("vidnova-migration-").FullName;

    [Fact]
    public async Task Migrate_WhenMailWasQueuedBeforeTheUpgrade_KeepsItsRecipientAndItsApplicationAsCorrelationId()
    {
        await using var db = CreateContext();
        await db.GetService<IMigrator>().MigrateAsync(BeforeIssue10);
        var id = Guid.NewGuid();
        var applicationId = Guid.NewGuid();
        var queuedAt = Instant.FromUtc(2026, 11, 30, 9, 0).ToDateTimeUtc();
        await db.Database.ExecuteSqlRawAsync(
            """
            INSERT INTO outbox_messages ("Id", "DeduplicationKey", "To", "Subject", "HtmlBody", "TextBody", "ApplicationId",
                "CreatedAt", "NextAttemptAt", "Attempts", "IsAutoReply")
            VALUES ({0}, {1}, {2}, {3}, {4}, {5}, {6}, {7}, {7}, 0, {8})
            """,
            [id, $"application:{applicationId}:invoice", "taras@example.com", "Рахунок", "<p>Рахунок</p>", "Рахунок", applicationId, queuedAt, false]);

        await db.GetService<IMigrator>().MigrateAsync();

        var message = await db.Set<OutboxMessage>().AsNoTracking().SingleAsync(m => m.Id == id);
        Assert.Equal("taras@example.com", message.Recipient);
        Assert.Equal(applicationId, message.CorrelationId);
        Assert.Equal(EmailChannel.ChannelName, message.Channel);
        Assert.Null(message.SentAt);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        GC.SuppressFinalize(this);
    }

    private VidnovaDbContext CreateContext() => provider == DatabaseProvider.Postgres
        ? new PostgresVidnovaDbContext(new DbContextOptionsBuilder<PostgresVidnovaDbContext>()
            .UseNpgsql(PostgresServer.Instance.CreateDatabase()).Options)
        : new SqliteVidnovaDbContext(new DbContextOptionsBuilder<SqliteVidnovaDbContext>()
            .UseSqlite($"Data Source={Path.Combine(_folder, "vidnova.db")}").Options);
}

public sealed class OutboxMigrationOnSqlite() : OutboxMigrationTests(DatabaseProvider.Sqlite);

public sealed class OutboxMigrationOnPostgres() : OutboxMigrationTests(DatabaseProvider.Postgres);
