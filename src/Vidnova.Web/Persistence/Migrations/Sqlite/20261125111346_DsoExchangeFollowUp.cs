using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vidnova.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DsoExchangeFollowUp : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "DsoRequest_RemindedAt",
                table: "restoration_applications",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "RetriedAt",
                table: "dso_deliveries",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RetriedBy",
                table: "dso_deliveries",
                type: "TEXT",
                maxLength: 120,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "customer_accounts",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "Household");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DsoRequest_RemindedAt",
                table: "restoration_applications");

            migrationBuilder.DropColumn(
                name: "RetriedAt",
                table: "dso_deliveries");

            migrationBuilder.DropColumn(
                name: "RetriedBy",
                table: "dso_deliveries");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "customer_accounts");
        }
    }
}
