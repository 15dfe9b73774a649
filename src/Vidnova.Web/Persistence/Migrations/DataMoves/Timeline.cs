using Microsoft.EntityFrameworkCore.Migrations;

namespace Vidnova.Persistence.Migrations.DataMoves;

/// <summary>
/// Timeline rows written when the timeline stored Ukrainian sentences: the actor text (<c>staff:olena</c>) is split
/// into its kind and id, and the sentence becomes the data of a legacy entry (<c>{"legacy": "…"}</c>), shown as it
/// was (see <c>TimelineText</c>). Runs after the new columns are added and before <c>Actor</c> and
/// <c>Description</c> are dropped.
/// </summary>
public static class Timeline
{
    public static void Sqlite(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        UPDATE application_timeline SET
            ActorKind = CASE WHEN instr(Actor, ':') > 0 THEN substr(Actor, 1, instr(Actor, ':') - 1) ELSE Actor END,
            ActorId = CASE WHEN instr(Actor, ':') > 0 THEN substr(Actor, instr(Actor, ':') + 1) ELSE NULL END,
            Data = json_object('legacy', Description);
        """);

    public static void Postgres(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        UPDATE application_timeline SET
            "ActorKind" = CASE WHEN position(':' in "Actor") > 0 THEN split_part("Actor", ':', 1) ELSE "Actor" END,
            "ActorId" = CASE WHEN position(':' in "Actor") > 0 THEN substr("Actor", position(':' in "Actor") + 1) ELSE NULL END,
            "Data" = json_build_object('legacy', "Description")::text;
        """);
}
