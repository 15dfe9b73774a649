using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vidnova.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class MetersReadingsTariffs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "electric_heating_options",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AccountNumber = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    From = table.Column<DateOnly>(type: "date", nullable: false),
                    ElectricHeating = table.Column<bool>(type: "boolean", nullable: false),
                    SetAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SetBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_electric_heating_options", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "household_tariffs",
                columns: table => new
                {
                    EffectiveFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    Price = table.Column<decimal>(type: "numeric(12,5)", precision: 12, scale: 5, nullable: false),
                    TwoZoneNight = table.Column<decimal>(type: "numeric(8,4)", precision: 8, scale: 4, nullable: false),
                    TwoZoneDay = table.Column<decimal>(type: "numeric(8,4)", precision: 8, scale: 4, nullable: false),
                    ThreeZoneNight = table.Column<decimal>(type: "numeric(8,4)", precision: 8, scale: 4, nullable: false),
                    ThreeZoneHalfPeak = table.Column<decimal>(type: "numeric(8,4)", precision: 8, scale: 4, nullable: false),
                    ThreeZonePeak = table.Column<decimal>(type: "numeric(8,4)", precision: 8, scale: 4, nullable: false),
                    HeatingPrice = table.Column<decimal>(type: "numeric(12,5)", precision: 12, scale: 5, nullable: true),
                    HeatingMonthlyKwh = table.Column<decimal>(type: "numeric(15,3)", precision: 15, scale: 3, nullable: true),
                    HeatingSeasonFrom = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: true),
                    HeatingSeasonTo = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: true),
                    SetAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SetBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_household_tariffs", x => x.EffectiveFrom);
                });

            migrationBuilder.CreateTable(
                name: "meters",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AccountNumber = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    SerialNumber = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Zones = table.Column<int>(type: "integer", nullable: false),
                    Digits = table.Column<int>(type: "integer", nullable: false),
                    InstalledOn = table.Column<DateOnly>(type: "date", nullable: false),
                    RemovedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_meters", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "meter_readings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MeterId = table.Column<Guid>(type: "uuid", nullable: false),
                    AccountNumber = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    TakenOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Period = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    EndOfPeriod = table.Column<bool>(type: "boolean", nullable: false),
                    Source = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Confirmed = table.Column<bool>(type: "boolean", nullable: false),
                    SubmittedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SubmittedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Total = table.Column<decimal>(type: "numeric(15,3)", precision: 15, scale: 3, nullable: true),
                    Day = table.Column<decimal>(type: "numeric(15,3)", precision: 15, scale: 3, nullable: true),
                    Night = table.Column<decimal>(type: "numeric(15,3)", precision: 15, scale: 3, nullable: true),
                    Peak = table.Column<decimal>(type: "numeric(15,3)", precision: 15, scale: 3, nullable: true),
                    HalfPeak = table.Column<decimal>(type: "numeric(15,3)", precision: 15, scale: 3, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_meter_readings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_meter_readings_meters_MeterId",
                        column: x => x.MeterId,
                        principalTable: "meters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_electric_heating_options_AccountNumber_From",
                table: "electric_heating_options",
                columns: new[] { "AccountNumber", "From" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_meter_readings_AccountNumber_Period",
                table: "meter_readings",
                columns: new[] { "AccountNumber", "Period" });

            migrationBuilder.CreateIndex(
                name: "IX_meter_readings_MeterId_TakenOn",
                table: "meter_readings",
                columns: new[] { "MeterId", "TakenOn" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_meters_AccountNumber",
                table: "meters",
                column: "AccountNumber");

            migrationBuilder.CreateIndex(
                name: "IX_meters_AccountNumber_in_service",
                table: "meters",
                column: "AccountNumber",
                unique: true,
                filter: "\"RemovedOn\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "electric_heating_options");

            migrationBuilder.DropTable(
                name: "household_tariffs");

            migrationBuilder.DropTable(
                name: "meter_readings");

            migrationBuilder.DropTable(
                name: "meters");
        }
    }
}
