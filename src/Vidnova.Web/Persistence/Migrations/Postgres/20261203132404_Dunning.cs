using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vidnova.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Dunning : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "ApplicationNumber",
                table: "dso_work_orders",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(20)",
                oldMaxLength: 20);

            migrationBuilder.AddColumn<string>(
                name: "CancellationReason",
                table: "dso_work_orders",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "CancelledAt",
                table: "dso_work_orders",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ContactEmail",
                table: "customer_accounts",
                type: "character varying(254)",
                maxLength: 254,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "dunning_cases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    AccountNumber = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    State = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Amount = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    OpenedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    PlannedDisconnectionAt = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    SecondWarningOn = table.Column<DateOnly>(type: "date", nullable: false),
                    PayBy = table.Column<DateOnly>(type: "date", nullable: false),
                    WorkOrderId = table.Column<Guid>(type: "uuid", nullable: true),
                    DisconnectedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    PauseReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CloseReason = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dunning_cases", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "dunning_court_rulings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AccountNumber = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Court = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CourtCaseNumber = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    OpenedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    FileName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Outcome = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    RestorationOrderId = table.Column<Guid>(type: "uuid", nullable: true),
                    EndedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    EndedBy = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dunning_court_rulings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "dunning_holds",
                columns: table => new
                {
                    Reference = table.Column<Guid>(type: "uuid", nullable: false),
                    AccountNumber = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Reason = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    PlacedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ReleasedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dunning_holds", x => x.Reference);
                });

            migrationBuilder.CreateTable(
                name: "dunning_history",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Text = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Actor = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dunning_history", x => x.Id);
                    table.ForeignKey(
                        name: "FK_dunning_history_dunning_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "dunning_cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "dunning_warnings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    Sequence = table.Column<int>(type: "integer", nullable: false),
                    Channel = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Recipient = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    NotificationKey = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    Amount = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    DisconnectionAt = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    QueuedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dunning_warnings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_dunning_warnings_dunning_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "dunning_cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_dunning_cases_open_account",
                table: "dunning_cases",
                column: "AccountNumber",
                unique: true,
                filter: "\"ClosedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_dunning_cases_State_PlannedDisconnectionAt",
                table: "dunning_cases",
                columns: new[] { "State", "PlannedDisconnectionAt" });

            migrationBuilder.CreateIndex(
                name: "IX_dunning_cases_WorkOrderId",
                table: "dunning_cases",
                column: "WorkOrderId");

            migrationBuilder.CreateIndex(
                name: "IX_dunning_court_rulings_AccountNumber",
                table: "dunning_court_rulings",
                column: "AccountNumber");

            migrationBuilder.CreateIndex(
                name: "IX_dunning_history_CaseId",
                table: "dunning_history",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_dunning_holds_AccountNumber",
                table: "dunning_holds",
                column: "AccountNumber");

            migrationBuilder.CreateIndex(
                name: "IX_dunning_warnings_CaseId",
                table: "dunning_warnings",
                column: "CaseId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "dunning_court_rulings");

            migrationBuilder.DropTable(
                name: "dunning_history");

            migrationBuilder.DropTable(
                name: "dunning_holds");

            migrationBuilder.DropTable(
                name: "dunning_warnings");

            migrationBuilder.DropTable(
                name: "dunning_cases");

            migrationBuilder.DropColumn(
                name: "CancellationReason",
                table: "dso_work_orders");

            migrationBuilder.DropColumn(
                name: "CancelledAt",
                table: "dso_work_orders");

            migrationBuilder.DropColumn(
                name: "ContactEmail",
                table: "customer_accounts");

            migrationBuilder.AlterColumn<string>(
                name: "ApplicationNumber",
                table: "dso_work_orders",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(40)",
                oldMaxLength: 40);
        }
    }
}
