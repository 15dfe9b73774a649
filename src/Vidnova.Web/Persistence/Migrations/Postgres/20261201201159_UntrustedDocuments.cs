using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vidnova.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class UntrustedDocuments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ContentHash",
                table: "inbound_emails",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ReadAttempts",
                table: "inbound_emails",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "ReadStartedAt",
                table: "inbound_emails",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_inbound_emails_ContentHash",
                table: "inbound_emails",
                column: "ContentHash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_inbound_emails_ContentHash",
                table: "inbound_emails");

            migrationBuilder.DropColumn(
                name: "ContentHash",
                table: "inbound_emails");

            migrationBuilder.DropColumn(
                name: "ReadAttempts",
                table: "inbound_emails");

            migrationBuilder.DropColumn(
                name: "ReadStartedAt",
                table: "inbound_emails");
        }
    }
}
