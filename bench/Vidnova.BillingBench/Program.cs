using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Vidnova.BillingBench;
using Vidnova.Persistence;

// dotnet run -c Release --project bench/Vidnova.BillingBench -- --server "<connection string>" --accounts 100000
// (bench/billing.sh starts a throw-away PostgreSQL and passes --server; docs/performance.md, "The billing run").
var invariant = CultureInfo.InvariantCulture;
var server = Option("--server") ?? throw new ArgumentException("--server <a PostgreSQL connection string> is required");
var accounts = int.Parse(Option("--accounts") ?? "100000", invariant);
var workers = Option("--workers") ?? "2";
var batchSize = Option("--batch") ?? "1000";
// October is billed first, untimed, so the measured November run reads previous bills and estimates what is missing.
const string Previous = "2026-10";
const string Period = "2026-11";
var cancel = CancellationToken.None;

var database = $"vidnova_billing_bench_{accounts}_{DateTime.UtcNow:HHmmss}";
await using (var admin = new NpgsqlConnection(server))
{
    await admin.OpenAsync(cancel);
    await new NpgsqlCommand($"CREATE DATABASE {database}", admin).ExecuteNonQueryAsync(cancel);
}

var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = database, CommandTimeout = 0 }.ConnectionString;
var host = new Dictionary<string, string>
{
    ["ASPNETCORE_ENVIRONMENT"] = "Production",
    ["Database__Provider"] = "Postgres",
    ["ConnectionStrings__Vidnova"] = connectionString,
    ["Billing__Workers"] = workers,
    ["Billing__BatchSize"] = batchSize,
    ["Logging__Console__FormatterName"] = "simple",
    ["Logging__LogLevel__Default"] = "Warning",
    ["Logging__LogLevel__Vidnova.Billing"] = "Information",
};
Console.WriteLine(string.Create(invariant, $"Billing benchmark: {accounts:N0} accounts, period {Period}, {workers} workers, batches of {batchSize}, database {database}"));
await HostRun.RunAsync(host, cancel, "migrate");

var clock = Stopwatch.StartNew();
var data = new BillingData(accounts);
await using (var model = new PostgresVidnovaDbContext(new DbContextOptionsBuilder<PostgresVidnovaDbContext>().UseNpgsql(connectionString).Options))
{
    await model.Database.OpenConnectionAsync(cancel);
    var connection = (NpgsqlConnection)model.Database.GetDbConnection();
    var rows = await ModelCopy.WriteAsync(model, data.Accounts(), null, cancel)
        + await ModelCopy.WriteAsync(model, data.Meters(), null, cancel)
        + await ModelCopy.WriteAsync(model, data.Readings(), null, cancel);
    await new NpgsqlCommand("ANALYZE", connection).ExecuteNonQueryAsync(cancel);
    Console.WriteLine(string.Create(invariant, $"Generated {rows:N0} rows (accounts, meters, readings) by COPY in {clock.Elapsed.TotalSeconds:F1} s"));
}

var (previousWall, _, _) = await HostRun.RunAsync(host, cancel, "bill", Previous);
Console.WriteLine(string.Create(invariant, $"Billed {Previous} first in {previousWall.TotalSeconds:F1} s (not measured)"));
var (wall, peak, output) = await HostRun.RunAsync(host, cancel, "bill", Period);
Console.Write(output);

await using var db = new NpgsqlConnection(connectionString);
await db.OpenAsync(cancel);
await using (var run = await new NpgsqlCommand(
    """SELECT "Accounts", "Billed", "Estimated", "Skipped", "Failed", EXTRACT(EPOCH FROM "FinishedAt" - "StartedAt") FROM billing_runs WHERE "Period" = @period""", db)
{
    Parameters = { new("period", Period) },
}.ExecuteReaderAsync(cancel))
{
    await run.ReadAsync(cancel);
    Console.WriteLine(string.Create(invariant,
        $"Run: {run.GetInt32(0):N0} accounts, {run.GetInt32(1):N0} billed ({run.GetInt32(2):N0} estimated), {run.GetInt32(3):N0} skipped, {run.GetInt32(4):N0} failed; "
        + $"started → finished {run.GetDecimal(5):F1} s"));
}

await using (var failures = await new NpgsqlCommand(
    """SELECT "Code", min("Message"), count(*) FROM billing_run_failures GROUP BY "Code" ORDER BY count(*) DESC LIMIT 5""", db).ExecuteReaderAsync(cancel))
{
    while (await failures.ReadAsync(cancel))
    {
        Console.WriteLine(string.Create(invariant, $"  failed: {failures.GetInt64(2):N0} × {failures.GetString(0)}: {failures.GetString(1)}"));
    }
}

// The floor: the same output rows the run wrote (its bills, their lines, its ledger entries), exported, then copied by
// raw binary COPY into empty tables of the same shape and indexes, in one transaction.
var outputs = new (string Table, string Rows)[]
{
    ("bills", $"""SELECT * FROM bills WHERE "Period" = '{Period}'"""),
    ("bill_lines", $"""SELECT l.* FROM bill_lines l JOIN bills b ON b."Id" = l."BillId" WHERE b."Period" = '{Period}'"""),
    ("ledger_entries", $"""SELECT e.* FROM ledger_entries e JOIN bills b ON b."LedgerEntryId" = e."Id" WHERE b."Period" = '{Period}'"""),
};
var exported = new List<(string Table, byte[] Bytes)>();
foreach (var (table, rows) in outputs)
{
    using var buffer = new MemoryStream();
    await using (var copy = await db.BeginRawBinaryCopyAsync($"COPY ({rows}) TO STDOUT (FORMAT BINARY)", cancel))
    {
        await copy.CopyToAsync(buffer, cancel);
    }

    exported.Add((table, buffer.ToArray()));
    await new NpgsqlCommand($"CREATE TABLE floor_{table} (LIKE {table} INCLUDING ALL)", db).ExecuteNonQueryAsync(cancel);
}

var floorClock = Stopwatch.StartNew();
await using (var transaction = await db.BeginTransactionAsync(cancel))
{
    foreach (var (table, bytes) in exported)
    {
        await using var copy = await db.BeginRawBinaryCopyAsync($"COPY floor_{table} FROM STDIN (FORMAT BINARY)", cancel);
        await copy.WriteAsync(bytes, cancel);
    }

    await transaction.CommitAsync(cancel);
}

var floor = floorClock.Elapsed;
var counts = new List<string>();
foreach (var (table, _) in outputs)
{
    var count = (long)(await new NpgsqlCommand($"SELECT count(*) FROM floor_{table}", db).ExecuteScalarAsync(cancel))!;
    counts.Add(string.Create(invariant, $"{table} {count:N0}"));
}

Console.WriteLine(string.Create(invariant, $"Output rows: {string.Join(", ", counts)} ({exported.Sum(e => e.Bytes.Length) / 1048576.0:F0} MiB in COPY binary)"));
Console.WriteLine();
Console.WriteLine("| accounts | billing run (host process) | accounts/s | raw COPY of its output | ratio | host peak memory |");
Console.WriteLine("|---:|---:|---:|---:|---:|---:|");
Console.WriteLine(string.Create(invariant,
    $"| {accounts:N0} | {wall.TotalSeconds:F1} s | {accounts / wall.TotalSeconds:N0} | {floor.TotalSeconds:F1} s | {wall / floor:F1}× | {peak / 1048576.0:F0} MiB |"));
return 0;

string? Option(string name)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
}
