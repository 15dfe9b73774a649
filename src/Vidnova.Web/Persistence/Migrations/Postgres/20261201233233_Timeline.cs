using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vidnova.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Timeline : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ActorId",
                table: "application_timeline",
                type: "character varying(120)",
                maxLength: 120,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ActorKind",
                table: "application_timeline",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Data",
                table: "application_timeline",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: false,
                defaultValue: "");

            // Existing rows: actor split into kind and id, the old sentence kept as a legacy entry's data.
            DataMoves.Timeline.Postgres(migrationBuilder);

            migrationBuilder.DropColumn(
                name: "Actor",
                table: "application_timeline");

            migrationBuilder.DropColumn(
                name: "Description",
                table: "application_timeline");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ActorId",
                table: "application_timeline");

            migrationBuilder.DropColumn(
                name: "ActorKind",
                table: "application_timeline");

            migrationBuilder.DropColumn(
                name: "Data",
                table: "application_timeline");

            migrationBuilder.AddColumn<string>(
                name: "Actor",
                table: "application_timeline",
                type: "character varying(120)",
                maxLength: 120,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Description",
                table: "application_timeline",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: false,
                defaultValue: "");
        }
    }
}
