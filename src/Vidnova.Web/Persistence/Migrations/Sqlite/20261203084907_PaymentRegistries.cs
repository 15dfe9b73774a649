using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vidnova.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PaymentRegistries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "payment_partners",
                columns: table => new
                {
                    Code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    FormatJson = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_payment_partners", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "payment_partner_api_keys",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PartnerCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    KeyHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    DisplayPrefix = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    IssuedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RevokedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_payment_partner_api_keys", x => x.Id);
                    table.ForeignKey(
                        name: "FK_payment_partner_api_keys_payment_partners_PartnerCode",
                        column: x => x.PartnerCode,
                        principalTable: "payment_partners",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "payment_registries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PartnerCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    RegistryNumber = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    RegistryDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    Rows = table.Column<int>(type: "INTEGER", nullable: false),
                    Amount = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false),
                    ReceivedBy = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    ReceivedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DuplicateRows = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_payment_registries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_payment_registries_payment_partners_PartnerCode",
                        column: x => x.PartnerCode,
                        principalTable: "payment_partners",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "payment_registry_rows",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RegistryId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PartnerCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    RegistryNumber = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    Row = table.Column<int>(type: "INTEGER", nullable: false),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    AccountNumberText = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    PayerName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Amount = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false),
                    Commission = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false),
                    PaidOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Purpose = table.Column<string>(type: "TEXT", maxLength: 420, nullable: false),
                    Readings = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ReadingOutcome = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    AccountNumber = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    PaymentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ReceivedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReturnReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_payment_registry_rows", x => x.Id);
                    table.ForeignKey(
                        name: "FK_payment_registry_rows_payment_registries_RegistryId",
                        column: x => x.RegistryId,
                        principalTable: "payment_registries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "payment_registry_row_decisions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RowId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    AccountNumber = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_payment_registry_row_decisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_payment_registry_row_decisions_payment_registry_rows_RowId",
                        column: x => x.RowId,
                        principalTable: "payment_registry_rows",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_payment_partner_api_keys_KeyHash",
                table: "payment_partner_api_keys",
                column: "KeyHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_payment_partner_api_keys_PartnerCode",
                table: "payment_partner_api_keys",
                column: "PartnerCode");

            migrationBuilder.CreateIndex(
                name: "IX_payment_registries_PartnerCode_RegistryNumber",
                table: "payment_registries",
                columns: new[] { "PartnerCode", "RegistryNumber" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_payment_registries_ReceivedAt",
                table: "payment_registries",
                column: "ReceivedAt");

            migrationBuilder.CreateIndex(
                name: "IX_payment_registry_row_decisions_RowId",
                table: "payment_registry_row_decisions",
                column: "RowId");

            migrationBuilder.CreateIndex(
                name: "IX_payment_registry_rows_PartnerCode_RegistryNumber_Row",
                table: "payment_registry_rows",
                columns: new[] { "PartnerCode", "RegistryNumber", "Row" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_payment_registry_rows_RegistryId",
                table: "payment_registry_rows",
                column: "RegistryId");

            migrationBuilder.CreateIndex(
                name: "IX_payment_registry_rows_Status_ReceivedAt",
                table: "payment_registry_rows",
                columns: new[] { "Status", "ReceivedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "payment_partner_api_keys");

            migrationBuilder.DropTable(
                name: "payment_registry_row_decisions");

            migrationBuilder.DropTable(
                name: "payment_registry_rows");

            migrationBuilder.DropTable(
                name: "payment_registries");

            migrationBuilder.DropTable(
                name: "payment_partners");
        }
    }
}
