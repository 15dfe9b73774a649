using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vidnova.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class WorkOrders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(
                name: "RequestId",
                table: "dso_deliveries",
                newName: "WorkOrderId");

            migrationBuilder.RenameIndex(
                name: "IX_dso_deliveries_RequestId",
                table: "dso_deliveries",
                newName: "IX_dso_deliveries_WorkOrderId");

            migrationBuilder.CreateTable(
                name: "dso_work_orders",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    DsoCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    RequesterReference = table.Column<Guid>(type: "TEXT", nullable: false),
                    WorkingDaysAllowed = table.Column<int>(type: "INTEGER", nullable: false),
                    ApplicationNumber = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    AccountNumber = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Eic = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Address = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Settlement = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ReceivedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Deadline = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CompletedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RejectedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RejectionReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    RemindedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<uint>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dso_work_orders", x => x.Id);
                    table.ForeignKey(
                        name: "FK_dso_work_orders_dsos_DsoCode",
                        column: x => x.DsoCode,
                        principalTable: "dsos",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_dso_work_orders_DsoCode_Kind_Status",
                table: "dso_work_orders",
                columns: new[] { "DsoCode", "Kind", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_dso_work_orders_Kind_RequesterReference",
                table: "dso_work_orders",
                columns: new[] { "Kind", "RequesterReference" });

            migrationBuilder.CreateIndex(
                name: "IX_dso_work_orders_Status_RemindedAt_Deadline",
                table: "dso_work_orders",
                columns: new[] { "Status", "RemindedAt", "Deadline" });
        

            // The requests become work orders before the columns only the order keeps are dropped.
            DataMoves.WorkOrders.Sqlite(migrationBuilder);

            migrationBuilder.DropIndex(
                name: "IX_restoration_applications_DsoRequest_DsoCode_DsoRequest_Status",
                table: "restoration_applications");

            migrationBuilder.DropColumn(
                name: "DsoRequest_DsoCode",
                table: "restoration_applications");

            migrationBuilder.DropColumn(
                name: "DsoRequest_RemindedAt",
                table: "restoration_applications");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "dso_work_orders");

            migrationBuilder.RenameColumn(
                name: "WorkOrderId",
                table: "dso_deliveries",
                newName: "RequestId");

            migrationBuilder.RenameIndex(
                name: "IX_dso_deliveries_WorkOrderId",
                table: "dso_deliveries",
                newName: "IX_dso_deliveries_RequestId");

            migrationBuilder.AddColumn<string>(
                name: "DsoRequest_DsoCode",
                table: "restoration_applications",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "DsoRequest_RemindedAt",
                table: "restoration_applications",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_restoration_applications_DsoRequest_DsoCode_DsoRequest_Status",
                table: "restoration_applications",
                columns: new[] { "DsoRequest_DsoCode", "DsoRequest_Status" });
        }
    }
}
