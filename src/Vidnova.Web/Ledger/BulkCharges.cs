using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Vidnova.Kernel;
using Vidnova.Persistence;

namespace Vidnova.Ledger;

/// <summary>
/// The bulk posting of bills' charges (ADR 0008): the billing run writes a batch of accounts in one transaction with
/// no round trip per account.
/// </summary>
internal static class BulkCharges
{
    public static async Task PostAsync(VidnovaDbContext db, IReadOnlyList<BillCharge> charges, CancellationToken cancellationToken)
    {
        if (charges.Count == 0)
        {
            return;
        }

        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Bulk charges are written in the caller's transaction; begin one first.");
        }

        if (db.Database.IsNpgsql())
        {
            await CopyAsync(db, charges, cancellationToken);
        }
        else
        {
            await InsertAsync(db, charges, cancellationToken);
        }
    }

    /// <summary>
    /// SQLite keeps decimals as text, so a balance is not summed in SQL there: the rows are read inside the
    /// transaction, which Microsoft.Data.Sqlite begins IMMEDIATE: SQLite has one writer, so nobody changes them meanwhile, changed through
    /// <see cref="AccountBalance"/>, and saved with the entries as EF's batched inserts.
    /// </summary>
    private static async Task InsertAsync(VidnovaDbContext db, IReadOnlyList<BillCharge> charges, CancellationToken cancellationToken)
    {
        var accounts = charges.Select(c => c.AccountNumber).Distinct().ToList();
        var balances = await db.Set<AccountBalance>().Where(b => accounts.Contains(b.AccountNumber)).ToDictionaryAsync(b => b.AccountNumber, cancellationToken);
        foreach (var charge in charges)
        {
            if (!balances.TryGetValue(charge.AccountNumber, out var balance))
            {
                balance = AccountBalance.Open(charge.AccountNumber);
                balances.Add(charge.AccountNumber, balance);
                db.Add(balance);
            }

            db.Add(balance.ChargeBill(charge.EntryId, charge.Amount, charge.At, charge.Description, charge.Bill));
        }

        // A bulk writer may have switched automatic detection off; the balances changed in place.
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The entries by binary COPY, then every balance at once from a temporary table of the sums.</summary>
    private static async Task CopyAsync(VidnovaDbContext db, IReadOnlyList<BillCharge> charges, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using (var entries = await connection.BeginBinaryImportAsync(
            """COPY ledger_entries ("Id", "AccountNumber", "Kind", "Amount", "OccurredAt", "Description", "Channel", "Reference") FROM STDIN (FORMAT BINARY)""",
            cancellationToken))
        {
            foreach (var charge in charges)
            {
                if (charge.Amount == Money.Zero)
                {
                    throw new ArgumentException("A bill that charges nothing posts nothing.", nameof(charges));
                }

                await entries.StartRowAsync(cancellationToken);
                await entries.WriteAsync(charge.EntryId, NpgsqlDbType.Uuid, cancellationToken);
                await entries.WriteAsync(charge.AccountNumber.Value, NpgsqlDbType.Varchar, cancellationToken);
                await entries.WriteAsync(nameof(LedgerEntryKind.Charge), NpgsqlDbType.Varchar, cancellationToken);
                await entries.WriteAsync(charge.Amount.Amount, NpgsqlDbType.Numeric, cancellationToken);
                await entries.WriteAsync(charge.At.ToDateTimeUtc(), NpgsqlDbType.TimestampTz, cancellationToken);
                await entries.WriteAsync(charge.Description, NpgsqlDbType.Varchar, cancellationToken);
                await entries.WriteAsync(LedgerEntry.BillChannel, NpgsqlDbType.Varchar, cancellationToken);
                await entries.WriteAsync(charge.Bill.ToString(), NpgsqlDbType.Varchar, cancellationToken);
            }

            await entries.CompleteAsync(cancellationToken);
        }

        await db.Database.ExecuteSqlRawAsync(
            """CREATE TEMP TABLE IF NOT EXISTS bill_charge_sums ("AccountNumber" varchar(16) PRIMARY KEY, "Amount" numeric(14,2) NOT NULL) ON COMMIT DELETE ROWS""",
            cancellationToken);
        await using (var sums = await connection.BeginBinaryImportAsync(
            """COPY bill_charge_sums ("AccountNumber", "Amount") FROM STDIN (FORMAT BINARY)""", cancellationToken))
        {
            foreach (var account in charges.GroupBy(c => c.AccountNumber))
            {
                await sums.StartRowAsync(cancellationToken);
                await sums.WriteAsync(account.Key.Value, NpgsqlDbType.Varchar, cancellationToken);
                await sums.WriteAsync(account.Sum(c => c.Amount.Amount), NpgsqlDbType.Numeric, cancellationToken);
            }

            await sums.CompleteAsync(cancellationToken);
        }

        // One statement for every balance: a new row for an account's first entry, else the sum added and the
        // version moved, so a concurrent post by EF (which checks the version) fails and retries on the new sum.
        await db.Database.ExecuteSqlRawAsync(
            """
            INSERT INTO ledger_balances ("AccountNumber", "Balance", "OpeningBalance", "HasMovements", "Version")
            SELECT "AccountNumber", "Amount", 0, TRUE, 1 FROM bill_charge_sums
            ON CONFLICT ("AccountNumber") DO UPDATE
            SET "Balance" = ledger_balances."Balance" + excluded."Balance", "HasMovements" = TRUE, "Version" = ledger_balances."Version" + 1
            """,
            cancellationToken);
    }
}
