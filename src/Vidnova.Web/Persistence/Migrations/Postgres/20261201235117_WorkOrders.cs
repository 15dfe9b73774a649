using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vidnova.Persistence.Migrations.Postgres
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    DsoCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    RequesterReference = table.Column<Guid>(type: "uuid", nullable: false),
                    WorkingDaysAllowed = table.Column<int>(type: "integer", nullable: false),
                    ApplicationNumber = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    AccountNumber = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Eic = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Address = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Settlement = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ReceivedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Deadline = table.Column<DateOnly>(type: "date", nullable: true),
                    CompletedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RejectedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RejectionReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    RemindedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
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
            DataMoves.WorkOrders.Postgres(migrationBuilder);

            migrationBuilder.DropIndex(
                name: "IX_restoration_applications_DsoRequest_DsoCode_DsoRequest_Stat~",
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
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "DsoRequest_RemindedAt",
                table: "restoration_applications",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_restoration_applications_DsoRequest_DsoCode_DsoRequest_Stat~",
                table: "restoration_applications",
                columns: new[] { "DsoRequest_DsoCode", "DsoRequest_Status" });
        }
    }
}
