using Microsoft.EntityFrameworkCore.Migrations;

namespace Vidnova.Persistence.Migrations.DataMoves;

/// <summary>
/// The ledger's journal gets its maintained balances. An account whose entries are all the adjustments the old
/// <c>debt</c> import wrote never had a charge or payment: those adjustments were its opening balance, and become
/// so, so the import may still replace it. Every account with entries gets its balance row: the sum of its
/// entries, and whether anything but the opening balance was posted.
/// </summary>
internal static class Ledger
{
    private const string OpeningBalanceOnly = """
        UPDATE ledger_entries SET "Kind" = 'OpeningBalance'
        WHERE "Kind" = 'Adjustment'
          AND NOT EXISTS (SELECT 1 FROM ledger_entries other
                          WHERE other."AccountNumber" = ledger_entries."AccountNumber" AND other."Kind" <> 'Adjustment');
        """;

    public static void OnSqlite(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql(OpeningBalanceOnly);

        // Amounts are TEXT on SQLite; summed as whole kopiyky (integers, exact) and written back with two decimals.
        migrationBuilder.Sql("""
            INSERT INTO ledger_balances ("AccountNumber", "Balance", "OpeningBalance", "HasMovements", "Version")
            SELECT "AccountNumber",
                   printf('%.2f', SUM(CAST(ROUND(CAST("Amount" AS REAL) * 100) AS INTEGER)) / 100.0),
                   printf('%.2f', SUM(CASE WHEN "Kind" = 'OpeningBalance' THEN CAST(ROUND(CAST("Amount" AS REAL) * 100) AS INTEGER) ELSE 0 END) / 100.0),
                   MAX(CASE WHEN "Kind" <> 'OpeningBalance' THEN 1 ELSE 0 END),
                   0
            FROM ledger_entries
            GROUP BY "AccountNumber";
            """);
    }

    public static void OnPostgres(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql(OpeningBalanceOnly);
        migrationBuilder.Sql("""
            INSERT INTO ledger_balances ("AccountNumber", "Balance", "OpeningBalance", "HasMovements", "Version")
            SELECT "AccountNumber",
                   SUM("Amount"),
                   COALESCE(SUM("Amount") FILTER (WHERE "Kind" = 'OpeningBalance'), 0),
                   bool_or("Kind" <> 'OpeningBalance'),
                   0
            FROM ledger_entries
            GROUP BY "AccountNumber";
            """);
    }

    /// <summary>Back to the journal before balances: an opening balance was an adjustment.</summary>
    public static void Undo(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("""UPDATE ledger_entries SET "Kind" = 'Adjustment' WHERE "Kind" = 'OpeningBalance';""");
}
