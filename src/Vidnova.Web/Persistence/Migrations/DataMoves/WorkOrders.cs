using Microsoft.EntityFrameworkCore.Migrations;

namespace Vidnova.Persistence.Migrations.DataMoves;

/// <summary>
/// Issue 10, item 1: every restoration application's DSO request becomes a restoration work order under the same id
/// (the DSOs know requests by it, and <c>dso_deliveries</c> refers to it), with the snapshot the DSO is shown (account,
/// EIC, address from the account; settlement and working days of КСР 11.5.23 from the application). Run after
/// <c>dso_work_orders</c> is created and before the application's request columns the order now owns are dropped.
/// </summary>
internal static class WorkOrders
{
    public static void Sqlite(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(MoveRequests);

    public static void Postgres(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(MoveRequests);

    // The same statement on both providers: every identifier is quoted and each column keeps its type.
    private const string MoveRequests = """
        INSERT INTO dso_work_orders ("Id", "Kind", "DsoCode", "RequesterReference", "WorkingDaysAllowed", "ApplicationNumber",
            "AccountNumber", "Eic", "Address", "Settlement", "Status", "CreatedAt", "ReceivedAt", "Deadline", "CompletedAt",
            "RejectedAt", "RejectionReason", "RemindedAt", "Version")
        SELECT a."DsoRequestId", 'Restoration', a."DsoRequest_DsoCode", a."Id", CASE a."Settlement" WHEN 'City' THEN 3 ELSE 5 END,
            a."Number", a."AccountNumber", c."Eic", c."Address", LOWER(a."Settlement"), a."DsoRequest_Status", a."DsoRequest_CreatedAt",
            a."DsoRequest_ReceivedAt", a."DsoRequest_Deadline", a."DsoRequest_CompletedAt", a."DsoRequest_RejectedAt",
            a."DsoRequest_RejectionReason", a."DsoRequest_RemindedAt", 0
        FROM restoration_applications a
        JOIN customer_accounts c ON c."Number" = a."AccountNumber"
        WHERE a."DsoRequestId" IS NOT NULL;
        """;
}
