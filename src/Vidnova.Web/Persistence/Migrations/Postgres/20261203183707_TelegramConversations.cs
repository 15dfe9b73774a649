using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vidnova.Persistence.Migrations.Postgres
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
                    ChatId = table.Column<long>(type: "bigint", nullable: false),
                    DialogJson = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    FailedLookups = table.Column<int>(type: "integer", nullable: false),
                    FailedLookupsSince = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    HandledUpdateId = table.Column<long>(type: "bigint", nullable: true),
                    RepliesJson = table.Column<string>(type: "text", nullable: true),
                    RepliesSent = table.Column<int>(type: "integer", nullable: false)
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
