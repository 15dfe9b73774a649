using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vidnova.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RepaymentSchedules : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "repayment_schedules",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AccountNumber = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Debt = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false),
                    AskedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RequestedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    RequestedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    TermsAcceptedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    ReferredFor = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    DeclineReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    CompletedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    BrokenAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    BrokenInstalment = table.Column<int>(type: "INTEGER", nullable: true),
                    OpenFor = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    Version = table.Column<uint>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_repayment_schedules", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "repayment_instalments",
                columns: table => new
                {
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    ScheduleId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Amount = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_repayment_instalments", x => new { x.ScheduleId, x.Number });
                    table.ForeignKey(
                        name: "FK_repayment_instalments_repayment_schedules_ScheduleId",
                        column: x => x.ScheduleId,
                        principalTable: "repayment_schedules",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_repayment_schedules_AccountNumber_RequestedAt",
                table: "repayment_schedules",
                columns: new[] { "AccountNumber", "RequestedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_repayment_schedules_OpenFor",
                table: "repayment_schedules",
                column: "OpenFor",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_repayment_schedules_Status",
                table: "repayment_schedules",
                column: "Status");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "repayment_instalments");

            migrationBuilder.DropTable(
                name: "repayment_schedules");
        }
    }
}
