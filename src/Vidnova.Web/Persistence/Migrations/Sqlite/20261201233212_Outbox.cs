using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vidnova.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Outbox : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(
                name: "To",
                table: "outbox_messages",
                newName: "Recipient");

            migrationBuilder.RenameColumn(
                name: "ApplicationId",
                table: "outbox_messages",
                newName: "CorrelationId");

            migrationBuilder.RenameIndex(
                name: "IX_outbox_messages_ApplicationId",
                table: "outbox_messages",
                newName: "IX_outbox_messages_CorrelationId");

            migrationBuilder.AddColumn<string>(
                name: "Channel",
                table: "outbox_messages",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "email");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Channel",
                table: "outbox_messages");

            migrationBuilder.RenameColumn(
                name: "Recipient",
                table: "outbox_messages",
                newName: "To");

            migrationBuilder.RenameColumn(
                name: "CorrelationId",
                table: "outbox_messages",
                newName: "ApplicationId");

            migrationBuilder.RenameIndex(
                name: "IX_outbox_messages_CorrelationId",
                table: "outbox_messages",
                newName: "IX_outbox_messages_ApplicationId");
        }
    }
}
