using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vidnova.Persistence.Migrations.Sqlite
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
                type: "TEXT",
                precision: 14,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Compensation_Household",
                table: "restoration_applications",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "Compensation_MissedDeadline",
                table: "restoration_applications",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "Compensation_RecordedAt",
                table: "restoration_applications",
                type: "TEXT",
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
