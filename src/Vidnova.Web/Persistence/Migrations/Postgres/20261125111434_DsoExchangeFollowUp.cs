using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vidnova.Persistence.Migrations.Postgres
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
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "RetriedAt",
                table: "dso_deliveries",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RetriedBy",
                table: "dso_deliveries",
                type: "character varying(120)",
                maxLength: 120,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "customer_accounts",
                type: "character varying(16)",
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
