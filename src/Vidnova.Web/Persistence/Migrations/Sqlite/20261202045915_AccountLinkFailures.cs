using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vidnova.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AccountLinkFailures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "customer_account_link_failures",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    LoginId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AccountNumber = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_customer_account_link_failures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_customer_account_link_failures_customer_logins_LoginId",
                        column: x => x.LoginId,
                        principalTable: "customer_logins",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_customer_account_link_failures_AccountNumber_At",
                table: "customer_account_link_failures",
                columns: new[] { "AccountNumber", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_customer_account_link_failures_LoginId_At",
                table: "customer_account_link_failures",
                columns: new[] { "LoginId", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "customer_account_link_failures");
        }
    }
}
