using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vidnova.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SlaCompensation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "Compensation_Amount",
                table: "restoration_applications",
                type: "numeric(14,2)",
                precision: 14,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Compensation_Household",
                table: "restoration_applications",
                type: "boolean",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "Compensation_MissedDeadline",
                table: "restoration_applications",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "Compensation_RecordedAt",
                table: "restoration_applications",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Compensation_Amount",
                table: "restoration_applications");

            migrationBuilder.DropColumn(
                name: "Compensation_Household",
                table: "restoration_applications");

            migrationBuilder.DropColumn(
                name: "Compensation_MissedDeadline",
                table: "restoration_applications");

            migrationBuilder.DropColumn(
                name: "Compensation_RecordedAt",
                table: "restoration_applications");
        }
    }
}
