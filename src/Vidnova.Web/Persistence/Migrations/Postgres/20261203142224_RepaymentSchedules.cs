using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vidnova.Persistence.Migrations.Postgres
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AccountNumber = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Debt = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    AskedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    RequestedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    RequestedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    TermsAcceptedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    ReferredFor = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DecidedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    DeclineReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    CompletedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    BrokenAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    BrokenInstalment = table.Column<int>(type: "integer", nullable: true),
                    OpenFor = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_repayment_schedules", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "repayment_instalments",
                columns: table => new
                {
                    Number = table.Column<int>(type: "integer", nullable: false),
                    ScheduleId = table.Column<Guid>(type: "uuid", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Amount = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false)
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
