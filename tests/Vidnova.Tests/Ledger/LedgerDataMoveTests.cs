using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Vidnova.Kernel;
using Vidnova.Ledger;
using Vidnova.Persistence;
using Vidnova.Tests.Infrastructure;

namespace Vidnova.Tests.Ledger;

/// <summary>
/// A database written before the ledger kept balances: migrated, every account with entries gets its balance, and
/// an account whose only entries are the old debt adjustments may still have its opening balance replaced.
/// </summary>
public abstract class LedgerDataMoveTests(DatabaseProvider provider) : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("vidnova-ledger-move-").FullName;

    [Fact]
    public async Task Migration_GivesEveryAccountWithEntriesItsBalance_AndKeepsAnImportOnlyAccountOpen()
    {
        await using var db = Context();
        var migrations = db.Database.GetMigrations().ToList();
        var before = migrations[migrations.FindIndex(m => m.EndsWith("_Ledger", StringComparison.Ordinal)) - 1];
        await db.GetService<IMigrator>().MigrateAsync(before);

        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO customer_accounts ("Number", "HolderName", "Address", "Eic", "Settlement", "DsoCode", "SupplyStatus", "Version", "Kind")
            VALUES ('9100000001', 'Шевченко Тарас', 'Київ', '62Z100000000001Z', 'City', 'kyiv-city', 'DisconnectedForDebt', 0, 'Household'),
                   ('9100000002', 'Коваленко Олена', 'Київ', '62Z100000000002X', 'City', 'kyiv-city', 'DisconnectedForDebt', 0, 'Household'),
                   ('9100000003', 'Бондаренко Іван', 'Київ', '62Z100000000003V', 'City', 'kyiv-city', 'Connected', 0, 'Household');
            INSERT INTO ledger_entries ("Id", "AccountNumber", "Kind", "Amount", "OccurredAt", "Description", "Channel", "Reference")
            VALUES ('00000000-0000-0000-0000-000000000001', '9100000001', 'Adjustment', 500.10, '2026-11-01 10:00:00', 'Коригування боргу з білінгу', NULL, NULL),
                   ('00000000-0000-0000-0000-000000000002', '9100000001', 'Adjustment', -0.20, '2026-11-02 10:00:00', 'Коригування боргу з білінгу', NULL, NULL),
                   ('00000000-0000-0000-0000-000000000003', '9100000002', 'Charge', 1500.01, '2026-10-01 10:00:00', 'Рахунок', NULL, NULL),
                   ('00000000-0000-0000-0000-000000000004', '9100000002', 'Payment', -1500.00, '2026-11-20 10:00:00', 'Оплата (bank)', 'bank', 'b-1'),
                   ('00000000-0000-0000-0000-000000000005', '9100000002', 'Adjustment', 0.10, '2026-11-21 10:00:00', 'Коригування боргу з білінгу', NULL, NULL);
            """);

        await db.Database.MigrateAsync();

        var balances = await db.Set<AccountBalance>().AsNoTracking().OrderBy(b => b.AccountNumber).ToListAsync();
        Assert.Equal(
            [("9100000001", 499.90m, 499.90m, false), ("9100000002", 0.11m, 0m, true)],
            balances.Select(b => (b.AccountNumber.Value, b.Balance.Amount, b.OpeningBalance.Amount, b.HasMovements)));
        Assert.Equal(2, await db.Set<LedgerEntry>().CountAsync(e => e.Kind == LedgerEntryKind.OpeningBalance));
        Assert.Equal(1, await db.Set<LedgerEntry>().CountAsync(e => e.Kind == LedgerEntryKind.Adjustment));

        // The import-only account takes a new opening balance; the one with a payment refuses a different figure.
        var open = await db.Set<AccountBalance>().SingleAsync(b => b.AccountNumber == AccountNumber.Parse("9100000001"));
        Assert.NotNull(open.SetOpeningBalance(Money.Uah(300m), NodaTime.Instant.FromUtc(2026, 11, 25, 8, 0)));
        var moved = await db.Set<AccountBalance>().SingleAsync(b => b.AccountNumber == AccountNumber.Parse("9100000002"));
        Assert.Throws<Vidnova.Problems.BusinessRuleException>(() => moved.SetOpeningBalance(Money.Uah(300m), NodaTime.Instant.FromUtc(2026, 11, 25, 8, 0)));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
        GC.SuppressFinalize(this);
    }

    private VidnovaDbContext Context() => provider == DatabaseProvider.Postgres
        ? new PostgresVidnovaDbContext(new DbContextOptionsBuilder<PostgresVidnovaDbContext>()
            .UseNpgsql(PostgresServer.Instance.CreateDatabase()).Options)
        : new SqliteVidnovaDbContext(new DbContextOptionsBuilder<SqliteVidnovaDbContext>()
            .UseSqlite($"Data Source={Path.Combine(_root, "vidnova.db")}").Options);
}

public sealed class LedgerDataMoveOnSqlite() : LedgerDataMoveTests(DatabaseProvider.Sqlite);

public sealed class LedgerDataMoveOnPostgres() : LedgerDataMoveTests(DatabaseProvider.Postgres);
