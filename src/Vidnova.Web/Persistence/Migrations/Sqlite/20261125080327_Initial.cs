using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vidnova.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "application_number_sequences",
                columns: table => new
                {
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    LastValue = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_application_number_sequences", x => x.Year);
                });

            migrationBuilder.CreateTable(
                name: "calendar_holidays",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_calendar_holidays", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "calendar_transfers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    IsWorkingDay = table.Column<bool>(type: "INTEGER", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_calendar_transfers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "customer_accounts",
                columns: table => new
                {
                    Number = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    HolderName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Address = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Eic = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Settlement = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    DsoCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    SupplyStatus = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Version = table.Column<uint>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_customer_accounts", x => x.Number);
                });

            migrationBuilder.CreateTable(
                name: "data_protection_keys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FriendlyName = table.Column<string>(type: "TEXT", nullable: true),
                    Xml = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_data_protection_keys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "dso_callback_events",
                columns: table => new
                {
                    DsoCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    EventId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    RequestId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ReceivedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dso_callback_events", x => new { x.DsoCode, x.EventId });
                });

            migrationBuilder.CreateTable(
                name: "dso_deliveries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RequestId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DsoCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    EventType = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    IdempotencyKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Payload = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    NextAttemptAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    DeliveredAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DeadLetteredAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ClaimedBy = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    ClaimedUntil = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dso_deliveries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "dsos",
                columns: table => new
                {
                    Code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Edrpou = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Iban = table.Column<string>(type: "TEXT", maxLength: 29, nullable: false),
                    ChannelType = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false, defaultValue: "Pull"),
                    WebhookUrl = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    WebhookSecret = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ChannelEmail = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dsos", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "martial_law_periods",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    From = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    To = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_martial_law_periods", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "outbox_messages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DeduplicationKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    To = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    HtmlBody = table.Column<string>(type: "TEXT", nullable: false),
                    TextBody = table.Column<string>(type: "TEXT", nullable: false),
                    ApplicationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    NextAttemptAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    SentAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ClaimedBy = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    ClaimedUntil = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_outbox_messages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "receipt_files",
                columns: table => new
                {
                    ReceiptId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_receipt_files", x => x.ReceiptId);
                });

            migrationBuilder.CreateTable(
                name: "staff_users",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Login = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    DisplayName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    PasswordHash = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_staff_users", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ledger_entries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AccountNumber = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Amount = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false),
                    OccurredAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ledger_entries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ledger_entries_customer_accounts_AccountNumber",
                        column: x => x.AccountNumber,
                        principalTable: "customer_accounts",
                        principalColumn: "Number",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "restoration_applications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    AccountNumber = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    DsoCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Settlement = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    SubmittedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EmailConfirmedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AccessTokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ConfirmationCodeHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    FailedConfirmationAttempts = table.Column<int>(type: "INTEGER", nullable: false),
                    Invoice_Amount = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: true),
                    Invoice_RecipientName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Invoice_RecipientCode = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    Invoice_Iban = table.Column<string>(type: "TEXT", maxLength: 29, nullable: true),
                    Invoice_Purpose = table.Column<string>(type: "TEXT", maxLength: 420, nullable: true),
                    Invoice_IssuedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DsoRequestId = table.Column<Guid>(type: "TEXT", nullable: true),
                    DsoRequest_DsoCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    DsoRequest_Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    DsoRequest_CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DsoRequest_ReceivedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DsoRequest_Deadline = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    DsoRequest_CompletedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DsoRequest_RejectedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DsoRequest_RejectionReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Compensation_Amount = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: true),
                    Compensation_Household = table.Column<bool>(type: "INTEGER", nullable: true),
                    Compensation_MissedDeadline = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Compensation_RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<uint>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_restoration_applications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_restoration_applications_customer_accounts_AccountNumber",
                        column: x => x.AccountNumber,
                        principalTable: "customer_accounts",
                        principalColumn: "Number",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "dso_api_keys",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DsoCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    KeyHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    DisplayPrefix = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    IssuedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RevokedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dso_api_keys", x => x.Id);
                    table.ForeignKey(
                        name: "FK_dso_api_keys_dsos_DsoCode",
                        column: x => x.DsoCode,
                        principalTable: "dsos",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "dso_restoration_prices",
                columns: table => new
                {
                    Code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    DsoCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Price = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dso_restoration_prices", x => new { x.DsoCode, x.Code });
                    table.ForeignKey(
                        name: "FK_dso_restoration_prices_dsos_DsoCode",
                        column: x => x.DsoCode,
                        principalTable: "dsos",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "application_timeline",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    ApplicationId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_application_timeline", x => x.Id);
                    table.ForeignKey(
                        name: "FK_application_timeline_restoration_applications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "restoration_applications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "receipts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    SizeBytes = table.Column<long>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ReceivedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Decision = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RejectionReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ApplicationId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_receipts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_receipts_restoration_applications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "restoration_applications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_application_timeline_ApplicationId",
                table: "application_timeline",
                column: "ApplicationId");

            migrationBuilder.CreateIndex(
                name: "IX_calendar_holidays_Date",
                table: "calendar_holidays",
                column: "Date",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_calendar_transfers_Date",
                table: "calendar_transfers",
                column: "Date",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_dso_api_keys_DsoCode",
                table: "dso_api_keys",
                column: "DsoCode");

            migrationBuilder.CreateIndex(
                name: "IX_dso_api_keys_KeyHash",
                table: "dso_api_keys",
                column: "KeyHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_dso_deliveries_DeliveredAt_DeadLetteredAt_NextAttemptAt",
                table: "dso_deliveries",
                columns: new[] { "DeliveredAt", "DeadLetteredAt", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_dso_deliveries_IdempotencyKey",
                table: "dso_deliveries",
                column: "IdempotencyKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_dso_deliveries_RequestId",
                table: "dso_deliveries",
                column: "RequestId");

            migrationBuilder.CreateIndex(
                name: "IX_ledger_entries_AccountNumber_OccurredAt",
                table: "ledger_entries",
                columns: new[] { "AccountNumber", "OccurredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ledger_entries_Channel_Reference",
                table: "ledger_entries",
                columns: new[] { "Channel", "Reference" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_outbox_messages_ApplicationId",
                table: "outbox_messages",
                column: "ApplicationId");

            migrationBuilder.CreateIndex(
                name: "IX_outbox_messages_DeduplicationKey",
                table: "outbox_messages",
                column: "DeduplicationKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_outbox_messages_SentAt_NextAttemptAt",
                table: "outbox_messages",
                columns: new[] { "SentAt", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_receipts_ApplicationId",
                table: "receipts",
                column: "ApplicationId");

            migrationBuilder.CreateIndex(
                name: "IX_restoration_applications_AccountNumber_Status",
                table: "restoration_applications",
                columns: new[] { "AccountNumber", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_restoration_applications_DsoRequest_DsoCode_DsoRequest_Status",
                table: "restoration_applications",
                columns: new[] { "DsoRequest_DsoCode", "DsoRequest_Status" });

            migrationBuilder.CreateIndex(
                name: "IX_restoration_applications_DsoRequestId",
                table: "restoration_applications",
                column: "DsoRequestId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_restoration_applications_Number",
                table: "restoration_applications",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_restoration_applications_Status_SubmittedAt",
                table: "restoration_applications",
                columns: new[] { "Status", "SubmittedAt" });

            migrationBuilder.CreateIndex(
                name: "ux_open_application_per_account",
                table: "restoration_applications",
                column: "AccountNumber",
                unique: true,
                filter: "\"Status\" NOT IN ('Restored', 'RejectedByDso', 'Cancelled')");

            migrationBuilder.CreateIndex(
                name: "IX_staff_users_Login",
                table: "staff_users",
                column: "Login",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "application_number_sequences");

            migrationBuilder.DropTable(
                name: "application_timeline");

            migrationBuilder.DropTable(
                name: "calendar_holidays");

            migrationBuilder.DropTable(
                name: "calendar_transfers");

            migrationBuilder.DropTable(
                name: "data_protection_keys");

            migrationBuilder.DropTable(
                name: "dso_api_keys");

            migrationBuilder.DropTable(
                name: "dso_callback_events");

            migrationBuilder.DropTable(
                name: "dso_deliveries");

            migrationBuilder.DropTable(
                name: "dso_restoration_prices");

            migrationBuilder.DropTable(
                name: "ledger_entries");

            migrationBuilder.DropTable(
                name: "martial_law_periods");

            migrationBuilder.DropTable(
                name: "outbox_messages");

            migrationBuilder.DropTable(
                name: "receipt_files");

            migrationBuilder.DropTable(
                name: "receipts");

            migrationBuilder.DropTable(
                name: "staff_users");

            migrationBuilder.DropTable(
                name: "dsos");

            migrationBuilder.DropTable(
                name: "restoration_applications");

            migrationBuilder.DropTable(
                name: "customer_accounts");
        }
    }
}
