using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vidnova.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class InboundMail : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ReplyToken",
                table: "restoration_applications",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            // Applications made before replies were threaded get a random reply token of their own.
            migrationBuilder.Sql("""
                UPDATE restoration_applications SET "ReplyToken" = substr(md5(random()::text || "Id"::text), 1, 16) WHERE "ReplyToken" = '';
                """);

            migrationBuilder.AddColumn<Guid>(
                name: "SourceEmailId",
                table: "receipts",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "InReplyTo",
                table: "outbox_messages",
                type: "character varying(998)",
                maxLength: 998,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "IsAutoReply",
                table: "outbox_messages",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "ReplyTo",
                table: "outbox_messages",
                type: "character varying(254)",
                maxLength: 254,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "inbound_emails",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DeduplicationKey = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    MessageId = table.Column<string>(type: "character varying(998)", maxLength: 998, nullable: true),
                    From = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    Subject = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Source = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    SizeBytes = table.Column<long>(type: "bigint", nullable: false),
                    ReceivedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Outcome = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    ApplicationId = table.Column<Guid>(type: "uuid", nullable: true),
                    ApplicationNumber = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    MatchedBy = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    ReceiptId = table.Column<Guid>(type: "uuid", nullable: true),
                    NeedsAttention = table.Column<bool>(type: "boolean", nullable: false),
                    ResolvedBy = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: true),
                    ResolvedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Resolution = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inbound_emails", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "inbound_email_contents",
                columns: table => new
                {
                    InboundEmailId = table.Column<Guid>(type: "uuid", nullable: false),
                    Raw = table.Column<byte[]>(type: "bytea", nullable: false),
                    HeadersOnly = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inbound_email_contents", x => x.InboundEmailId);
                    table.ForeignKey(
                        name: "FK_inbound_email_contents_inbound_emails_InboundEmailId",
                        column: x => x.InboundEmailId,
                        principalTable: "inbound_emails",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_restoration_applications_ReplyToken",
                table: "restoration_applications",
                column: "ReplyToken",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_receipts_SourceEmailId",
                table: "receipts",
                column: "SourceEmailId");

            migrationBuilder.CreateIndex(
                name: "IX_inbound_emails_ApplicationId",
                table: "inbound_emails",
                column: "ApplicationId");

            migrationBuilder.CreateIndex(
                name: "IX_inbound_emails_DeduplicationKey",
                table: "inbound_emails",
                column: "DeduplicationKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_inbound_emails_NeedsAttention_ReceivedAt",
                table: "inbound_emails",
                columns: new[] { "NeedsAttention", "ReceivedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "inbound_email_contents");

            migrationBuilder.DropTable(
                name: "inbound_emails");

            migrationBuilder.DropIndex(
                name: "IX_restoration_applications_ReplyToken",
                table: "restoration_applications");

            migrationBuilder.DropIndex(
                name: "IX_receipts_SourceEmailId",
                table: "receipts");

            migrationBuilder.DropColumn(
                name: "ReplyToken",
                table: "restoration_applications");

            migrationBuilder.DropColumn(
                name: "SourceEmailId",
                table: "receipts");

            migrationBuilder.DropColumn(
                name: "InReplyTo",
                table: "outbox_messages");

            migrationBuilder.DropColumn(
                name: "IsAutoReply",
                table: "outbox_messages");

            migrationBuilder.DropColumn(
                name: "ReplyTo",
                table: "outbox_messages");
        }
    }
}
