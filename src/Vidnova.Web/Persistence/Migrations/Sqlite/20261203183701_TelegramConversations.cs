using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vidnova.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TelegramConversations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "telegram_chat_states",
                columns: table => new
                {
                    ChatId = table.Column<long>(type: "INTEGER", nullable: false),
                    DialogJson = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    FailedLookups = table.Column<int>(type: "INTEGER", nullable: false),
                    FailedLookupsSince = table.Column<DateTime>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    HandledUpdateId = table.Column<long>(type: "INTEGER", nullable: true),
                    RepliesJson = table.Column<string>(type: "TEXT", nullable: true),
                    RepliesSent = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_telegram_chat_states", x => x.ChatId);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "telegram_chat_states");
        }
    }
}
