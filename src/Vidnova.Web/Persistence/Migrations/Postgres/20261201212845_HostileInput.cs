using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vidnova.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class HostileInput : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "FailedSignIns",
                table: "staff_users",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "LockedUntil",
                table: "staff_users",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ContentHash",
                table: "inbound_emails",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ReadAttempts",
                table: "inbound_emails",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "ReadStartedAt",
                table: "inbound_emails",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "payment_statement_lines",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DsoCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    StatementId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    LineId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Amount = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    ValueDate = table.Column<DateOnly>(type: "date", nullable: false),
                    PayerName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    PayerIban = table.Column<string>(type: "character varying(29)", maxLength: 29, nullable: true),
                    Purpose = table.Column<string>(type: "character varying(420)", maxLength: 420, nullable: false),
                    ReceivedBy = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    Source = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    ReceivedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Outcome = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ApplicationId = table.Column<Guid>(type: "uuid", nullable: true),
                    ApplicationNumber = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_payment_statement_lines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_payment_statement_lines_dsos_DsoCode",
                        column: x => x.DsoCode,
                        principalTable: "dsos",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_inbound_emails_ContentHash",
                table: "inbound_emails",
                column: "ContentHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_payment_statement_lines_ApplicationId",
                table: "payment_statement_lines",
                column: "ApplicationId");

            migrationBuilder.CreateIndex(
                name: "IX_payment_statement_lines_DsoCode_LineId",
                table: "payment_statement_lines",
                columns: new[] { "DsoCode", "LineId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_payment_statement_lines_Outcome_ReceivedAt",
                table: "payment_statement_lines",
                columns: new[] { "Outcome", "ReceivedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "payment_statement_lines");

            migrationBuilder.DropIndex(
                name: "IX_inbound_emails_ContentHash",
                table: "inbound_emails");

            migrationBuilder.DropColumn(
                name: "FailedSignIns",
                table: "staff_users");

            migrationBuilder.DropColumn(
                name: "LockedUntil",
                table: "staff_users");

            migrationBuilder.DropColumn(
                name: "ContentHash",
                table: "inbound_emails");

            migrationBuilder.DropColumn(
                name: "ReadAttempts",
                table: "inbound_emails");

            migrationBuilder.DropColumn(
                name: "ReadStartedAt",
                table: "inbound_emails");
        }
    }
}
