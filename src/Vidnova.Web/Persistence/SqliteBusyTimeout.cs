using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Vidnova.Persistence;

/// <summary>
/// Lets SQLite itself wait for a writer's lock (<c>PRAGMA busy_timeout</c>), polling in steps of a few milliseconds,
/// instead of failing at once and leaving it to Microsoft.Data.Sqlite's retry, which waits in much coarser steps. The
/// background workers and web requests of one instance write to the same file, so a short wait is common.
/// </summary>
internal sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    private const string Pragma = "PRAGMA busy_timeout = 30000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
