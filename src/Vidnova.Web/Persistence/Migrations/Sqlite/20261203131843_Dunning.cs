using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vidnova.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Dunning : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CancellationReason",
                table: "dso_work_orders",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "CancelledAt",
                table: "dso_work_orders",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ContactEmail",
                table: "customer_accounts",
                type: "TEXT",
                maxLength: 254,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "dunning_cases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    AccountNumber = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Amount = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false),
                    OpenedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    PlannedDisconnectionAt = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    SecondWarningOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PayBy = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    WorkOrderId = table.Column<Guid>(type: "TEXT", nullable: true),
                    DisconnectedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    PauseReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CloseReason = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Version = table.Column<uint>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dunning_cases", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "dunning_court_rulings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AccountNumber = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Court = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CourtCaseNumber = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    OpenedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    RestorationOrderId = table.Column<Guid>(type: "TEXT", nullable: true),
                    EndedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    EndedBy = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dunning_court_rulings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "dunning_holds",
                columns: table => new
                {
                    Reference = table.Column<Guid>(type: "TEXT", nullable: false),
                    AccountNumber = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    PlacedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ReleasedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dunning_holds", x => x.Reference);
                });

            migrationBuilder.CreateTable(
                name: "dunning_history",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Recipient = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    NotificationKey = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    Amount = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false),
                    DisconnectionAt = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    QueuedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
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
        }
    }
}
