using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;

// The floor of a status read: what answering GET /api/v1/restoration-applications/{id} costs when nothing but the
// database stands between the request and its JSON. One indexed lookup of a stored copy of the real response, the
// token's SHA-256 compared in constant time, the bytes written. The load tool measures it beside the real endpoint
// in the same run (docs/performance.md), so the product's figure is a ratio that holds on a noisy machine.
//
//   dotnet bench/Vidnova.ReadFloor/bin/Release/net10.0/Vidnova.ReadFloor.dll --urls http://127.0.0.1:5090 \
//     --Floor:Provider Postgres --Floor:ConnectionString "Host=127.0.0.1;Database=vidnova;..."
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var provider = builder.Configuration["Floor:Provider"] ?? "Postgres";
var connectionString = builder.Configuration["Floor:ConnectionString"]
    ?? throw new InvalidOperationException("Set Floor:ConnectionString (and Floor:Provider: Postgres or Sqlite).");
var floor = provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase)
    ? new FloorStore(SqliteFactory.Instance, connectionString, "BLOB", "BLOB")
    : new FloorStore(NpgsqlFactory.Instance, connectionString, "BYTEA", "UUID");
await floor.CreateTableAsync();

var app = builder.Build();

// The load tool copies each application's real response here before measuring.
app.MapPut("/floor/{id:guid}", async (Guid id, HttpRequest request) =>
{
    using var body = new MemoryStream();
    await request.Body.CopyToAsync(body);
    await floor.StoreAsync(id, TokenHash(request), body.ToArray());
    return Results.NoContent();
});

app.MapGet("/api/v1/restoration-applications/{id:guid}", async (Guid id, HttpContext context) =>
{
    var stored = await floor.FindAsync(id, context.RequestAborted);
    if (stored is null || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(TokenHash(context.Request)), Encoding.ASCII.GetBytes(stored.Value.TokenHash)))
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return;
    }

    context.Response.ContentType = "application/json; charset=utf-8";
    context.Response.ContentLength = stored.Value.Body.Length;
    await context.Response.Body.WriteAsync(stored.Value.Body, context.RequestAborted);
});

await app.RunAsync();

static string TokenHash(HttpRequest request)
{
    var header = request.Headers.Authorization.ToString();
    var token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..] : "";
    return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}

/// <summary>The stored responses: one table keyed by the application id, in the same database as the product.</summary>
internal sealed class FloorStore(DbProviderFactory factory, string connectionString, string bytesType, string idType)
{
    public async Task CreateTableAsync()
    {
        await using var connection = await OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = $"CREATE TABLE IF NOT EXISTS bench_read_floor (id {idType} PRIMARY KEY, token_hash TEXT NOT NULL, body {bytesType} NOT NULL)";
        await command.ExecuteNonQueryAsync();
    }

    public async Task StoreAsync(Guid id, string tokenHash, byte[] body)
    {
        await using var connection = await OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO bench_read_floor (id, token_hash, body) VALUES (@id, @hash, @body)
            ON CONFLICT (id) DO UPDATE SET token_hash = excluded.token_hash, body = excluded.body
            """;
        Add(command, "id", id);
        Add(command, "hash", tokenHash);
        Add(command, "body", body);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<(string TokenHash, byte[] Body)?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT token_hash, body FROM bench_read_floor WHERE id = @id";
        Add(command, "id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetString(0), (byte[])reader.GetValue(1)) : null;
    }

    private async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = factory.CreateConnection()!;
        connection.ConnectionString = connectionString;
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
