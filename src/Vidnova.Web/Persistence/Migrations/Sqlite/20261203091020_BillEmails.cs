using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vidnova.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class BillEmails : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "bill_email_subscriptions",
                columns: table => new
                {
                    LoginId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AccountNumber = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    SubscribedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_bill_email_subscriptions", x => new { x.LoginId, x.AccountNumber });
                });

            migrationBuilder.CreateIndex(
                name: "IX_bill_email_subscriptions_AccountNumber",
                table: "bill_email_subscriptions",
                column: "AccountNumber");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "bill_email_subscriptions");
        }
    }
}
