using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using NodaTime;
using Vidnova.Dso.WorkOrders;
using Vidnova.Persistence;
using Vidnova.Tests.Infrastructure;

namespace Vidnova.Tests.Dso;

/// <summary>
/// Issue 10, item 1: a restoration application's DSO request, stored on the application before the WorkOrders
/// migration, becomes a restoration work order under the same id (the DSO knows the request by it), with the
/// account's metering point, the settlement's working days and the request's times, on both databases.
/// </summary>
public sealed class WorkOrderMigrationTests
{
    private static readonly Guid RequestId = Guid.Parse("6a1c3d1e-0000-4000-8000-000000000042");
    private static readonly Guid ApplicationId = Guid.Parse("6a1c3d1e-0000-4000-8000-0000000000a1");

    [Fact]
    public Task DsoRequest_OnSqlite_BecomesAWorkOrderUnderTheSameId() => MigrationDatabases.OnSqliteAsync(AssertMovedAsync);

    [Fact]
    public Task DsoRequest_OnPostgres_BecomesAWorkOrderUnderTheSameId() => MigrationDatabases.OnPostgresAsync(AssertMovedAsync);

    /// <param name="withoutForeignKeys">Lets the rows stand without a DSO row (its requisites are not the point).</param>
    private static async Task AssertMovedAsync(VidnovaDbContext db, string withoutForeignKeys)
    {
        var migrator = db.GetService<IMigrator>();
        var migrations = db.Database.GetMigrations().ToList();
        var workOrders = migrations.Single(m => m.EndsWith("_WorkOrders", StringComparison.Ordinal));
        await migrator.MigrateAsync(migrations[migrations.IndexOf(workOrders) - 1]);
        await db.Database.OpenConnectionAsync();
        var insert = withoutForeignKeys + """
            INSERT INTO customer_accounts ("Number", "HolderName", "Address", "Eic", "Settlement", "DsoCode", "SupplyStatus", "Kind", "Version")
            VALUES ('1000000042', 'Шевченко Тарас', 'с. Гора, вул. Садова, 3', '62Z100000000004T', 'Rural', 'kyiv-region', 'DisconnectedForDebt', 'Household', 0);
            INSERT INTO restoration_applications ("Id", "Number", "AccountNumber", "DsoCode", "Settlement", "Email", "Phone", "Status",
                "SubmittedAt", "AccessTokenHash", "ConfirmationCodeHash", "FailedConfirmationAttempts", "ReplyToken", "Version",
                "DsoRequestId", "DsoRequest_DsoCode", "DsoRequest_Status", "DsoRequest_CreatedAt", "DsoRequest_ReceivedAt", "DsoRequest_Deadline")
            VALUES ({0}, 'VN-2026-000042', '1000000042', 'kyiv-region', 'Rural', 'taras@example.com', '+380501234567', 'InProgressAtDso',
                {2}, 'a', 'c', 0, 'r', 7, {1}, 'kyiv-region', 'Received', {2}, {3}, {4});
            """;
        await db.Database.ExecuteSqlRawAsync(insert, ApplicationId, RequestId,
            new DateTime(2026, 11, 24, 9, 0, 0, DateTimeKind.Utc), new DateTime(2026, 11, 25, 8, 30, 0, DateTimeKind.Utc), new DateOnly(2026, 12, 2));

        await migrator.MigrateAsync();

        db.ChangeTracker.Clear();
        var order = await db.Set<WorkOrder>().AsNoTracking().SingleAsync(o => o.Id == RequestId);
        Assert.Equal((WorkOrderKind.Restoration, WorkOrderStatus.Received, ApplicationId, 5), (order.Kind, order.Status, order.RequesterReference, order.WorkingDaysAllowed));
        Assert.Equal(("kyiv-region", "VN-2026-000042", "1000000042", "62Z100000000004T", "с. Гора, вул. Садова, 3", "rural"),
            (order.DsoCode.Value, order.ApplicationNumber, order.AccountNumber.Value, order.Eic.Value, order.Address, order.Settlement));
        Assert.Equal(Instant.FromUtc(2026, 11, 24, 9, 0), order.CreatedAt);
        Assert.Equal(Instant.FromUtc(2026, 11, 25, 8, 30), order.ReceivedAt);
        Assert.Equal(new LocalDate(2026, 12, 2), order.Deadline);
    }
}
