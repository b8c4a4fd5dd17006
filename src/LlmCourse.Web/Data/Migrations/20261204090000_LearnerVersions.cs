using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace LlmCourse.Web.Data.Migrations;

/// <summary>
/// Per-learner versions, kept by triggers: any insert, update or delete of a row the dashboard shows bumps
/// its learner's counter in the same transaction. A bump for an account that no longer exists (rows going
/// with a deleted account) is skipped, and deleting an account removes its counter.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261204090000_LearnerVersions")]
public sealed class LearnerVersions : Migration
{
    /// <summary>The tables the dashboard reads for one learner; each has a UserId column.</summary>
    public static readonly string[] Watched = ["ItemVisits", "ItemCompletions", "StudyCards", "StudyReviews", "StudySettings"];

    private const string Bump = """
        INSERT INTO "LearnerVersions" ("UserId", "Version")
        SELECT {0}, 1 WHERE EXISTS (SELECT 1 FROM "AspNetUsers" WHERE "Id" = {0})
        ON CONFLICT ("UserId") DO UPDATE SET "Version" = "LearnerVersions"."Version" + 1;
        """;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "LearnerVersions",
            columns: table => new
            {
                UserId = table.Column<string>(nullable: false),
                Version = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_LearnerVersions", x => x.UserId));

        if (migrationBuilder.ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL")
        {
            migrationBuilder.Sql($$"""
                CREATE FUNCTION learner_version_bump() RETURNS trigger LANGUAGE plpgsql AS $fn$
                DECLARE uid text;
                BEGIN
                  IF TG_OP = 'DELETE' THEN uid := OLD."UserId"; ELSE uid := NEW."UserId"; END IF;
                  {{string.Format(Bump, "uid")}}
                  RETURN NULL;
                END $fn$;
                """);
            migrationBuilder.Sql("""
                CREATE FUNCTION learner_version_forget() RETURNS trigger LANGUAGE plpgsql AS $fn$
                BEGIN
                  DELETE FROM "LearnerVersions" WHERE "UserId" = OLD."Id";
                  RETURN NULL;
                END $fn$;
                """);
            foreach (var table in Watched)
            {
                migrationBuilder.Sql($"""
                    CREATE TRIGGER "{table}_learner_version" AFTER INSERT OR UPDATE OR DELETE ON "{table}"
                    FOR EACH ROW EXECUTE FUNCTION learner_version_bump();
                    """);
            }

            migrationBuilder.Sql("""
                CREATE TRIGGER "AspNetUsers_learner_version" AFTER DELETE ON "AspNetUsers"
                FOR EACH ROW EXECUTE FUNCTION learner_version_forget();
                """);
        }
        else
        {
            foreach (var table in Watched)
            {
                foreach (var (operation, row) in new[] { ("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD") })
                {
                    migrationBuilder.Sql($"""
                        CREATE TRIGGER "{table}_learner_version_{operation.ToLowerInvariant()}" AFTER {operation} ON "{table}"
                        BEGIN
                        {string.Format(Bump, row + ".\"UserId\"")}
                        END;
                        """);
                }
            }

            migrationBuilder.Sql("""
                CREATE TRIGGER "AspNetUsers_learner_version" AFTER DELETE ON "AspNetUsers"
                BEGIN
                DELETE FROM "LearnerVersions" WHERE "UserId" = OLD."Id";
                END;
                """);
        }
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        if (migrationBuilder.ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL")
        {
            foreach (var table in Watched)
            {
                migrationBuilder.Sql($"""DROP TRIGGER "{table}_learner_version" ON "{table}";""");
            }

            migrationBuilder.Sql("""DROP TRIGGER "AspNetUsers_learner_version" ON "AspNetUsers";""");
            migrationBuilder.Sql("DROP FUNCTION learner_version_bump(); DROP FUNCTION learner_version_forget();");
        }
        else
        {
            foreach (var table in Watched)
            {
                foreach (var operation in new[] { "insert", "update", "delete" })
                {
                    migrationBuilder.Sql($"""DROP TRIGGER "{table}_learner_version_{operation}";""");
                }
            }

            migrationBuilder.Sql("""DROP TRIGGER "AspNetUsers_learner_version";""");
        }

        migrationBuilder.DropTable("LearnerVersions");
    }
}
