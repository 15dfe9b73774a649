using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vidnova.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CustomerLogins : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "customer_account_link_events",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    LoginId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AccountNumber = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Change = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_customer_account_link_events", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "customer_logins",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RegisteredAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    NormalizedUserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    NormalizedEmail = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    EmailConfirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    PasswordHash = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    SecurityStamp = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    PhoneNumber = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    PhoneNumberConfirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    TwoFactorEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    LockoutEnd = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    LockoutEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    AccessFailedCount = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_customer_logins", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "customer_account_links",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    LoginId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AccountNumber = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    IsHolder = table.Column<bool>(type: "INTEGER", nullable: false),
                    LinkedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_customer_account_links", x => x.Id);
                    table.ForeignKey(
                        name: "FK_customer_account_links_customer_logins_LoginId",
                        column: x => x.LoginId,
                        principalTable: "customer_logins",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "customer_login_claims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClaimType = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ClaimValue = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_customer_login_claims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_customer_login_claims_customer_logins_UserId",
                        column: x => x.UserId,
                        principalTable: "customer_logins",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "customer_login_providers",
                columns: table => new
                {
                    LoginProvider = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    ProviderKey = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    ProviderDisplayName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_customer_login_providers", x => new { x.LoginProvider, x.ProviderKey });
                    table.ForeignKey(
                        name: "FK_customer_login_providers_customer_logins_UserId",
                        column: x => x.UserId,
                        principalTable: "customer_logins",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "customer_login_tokens",
                columns: table => new
                {
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LoginProvider = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Value = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_customer_login_tokens", x => new { x.UserId, x.LoginProvider, x.Name });
                    table.ForeignKey(
                        name: "FK_customer_login_tokens_customer_logins_UserId",
                        column: x => x.UserId,
                        principalTable: "customer_logins",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_customer_account_link_events_AccountNumber",
                table: "customer_account_link_events",
                column: "AccountNumber");

            migrationBuilder.CreateIndex(
                name: "IX_customer_account_link_events_LoginId",
                table: "customer_account_link_events",
                column: "LoginId");

            migrationBuilder.CreateIndex(
                name: "IX_customer_account_links_AccountNumber",
                table: "customer_account_links",
                column: "AccountNumber");

            migrationBuilder.CreateIndex(
                name: "IX_customer_account_links_LoginId_AccountNumber",
                table: "customer_account_links",
                columns: new[] { "LoginId", "AccountNumber" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_customer_login_claims_UserId",
                table: "customer_login_claims",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_customer_login_providers_UserId",
                table: "customer_login_providers",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_customer_logins_NormalizedEmail",
                table: "customer_logins",
                column: "NormalizedEmail");

            migrationBuilder.CreateIndex(
                name: "IX_customer_logins_NormalizedUserName",
                table: "customer_logins",
                column: "NormalizedUserName",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "customer_account_link_events");

            migrationBuilder.DropTable(
                name: "customer_account_links");

            migrationBuilder.DropTable(
                name: "customer_login_claims");

            migrationBuilder.DropTable(
                name: "customer_login_providers");

            migrationBuilder.DropTable(
                name: "customer_login_tokens");

            migrationBuilder.DropTable(
                name: "customer_logins");
        }
    }
}
