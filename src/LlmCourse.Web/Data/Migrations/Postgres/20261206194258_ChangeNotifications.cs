using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LlmCourse.Web.Data.Migrations.Postgres
{
    /// <summary>
    /// Generated empty, then written by hand (the model cannot express triggers): every change that can end a session
    /// or move a learner's version sends a notice on channel <c>llmcourse_changes</c>, delivered when its transaction
    /// commits, so each instance's ChangeListener evicts its copies of those session rows. Payloads:
    /// <c>s:&lt;session id&gt;</c> for UserSessions, <c>u:&lt;user id&gt;</c> for an account's security stamp, the
    /// account itself and its LearnerVersions row.
    /// </summary>
    public partial class ChangeNotifications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION llmcourse_notify_session() RETURNS trigger LANGUAGE plpgsql AS $fn$
                BEGIN
                  IF TG_OP = 'INSERT' THEN
                    PERFORM pg_notify('llmcourse_changes', 's:' || NEW."Id");
                  ELSE
                    PERFORM pg_notify('llmcourse_changes', 's:' || OLD."Id");
                  END IF;
                  RETURN NULL;
                END $fn$;
                """);
            migrationBuilder.Sql("""
                CREATE FUNCTION llmcourse_notify_user() RETURNS trigger LANGUAGE plpgsql AS $fn$
                BEGIN
                  PERFORM pg_notify('llmcourse_changes', 'u:' || OLD."Id");
                  RETURN NULL;
                END $fn$;
                """);
            migrationBuilder.Sql("""
                CREATE FUNCTION llmcourse_notify_learner_version() RETURNS trigger LANGUAGE plpgsql AS $fn$
                BEGIN
                  IF TG_OP = 'DELETE' THEN
                    PERFORM pg_notify('llmcourse_changes', 'u:' || OLD."UserId");
                  ELSE
                    PERFORM pg_notify('llmcourse_changes', 'u:' || NEW."UserId");
                  END IF;
                  RETURN NULL;
                END $fn$;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "UserSessions_notify" AFTER INSERT OR UPDATE OR DELETE ON "UserSessions"
                FOR EACH ROW EXECUTE FUNCTION llmcourse_notify_session();
                """);

            // A password, role or address change moves the stamp; other updates (sign-in counts) need no notice.
            migrationBuilder.Sql("""
                CREATE TRIGGER "AspNetUsers_notify_stamp" AFTER UPDATE ON "AspNetUsers"
                FOR EACH ROW WHEN (OLD."SecurityStamp" IS DISTINCT FROM NEW."SecurityStamp")
                EXECUTE FUNCTION llmcourse_notify_user();
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "AspNetUsers_notify_delete" AFTER DELETE ON "AspNetUsers"
                FOR EACH ROW EXECUTE FUNCTION llmcourse_notify_user();
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "LearnerVersions_notify" AFTER INSERT OR UPDATE OR DELETE ON "LearnerVersions"
                FOR EACH ROW EXECUTE FUNCTION llmcourse_notify_learner_version();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER "LearnerVersions_notify" ON "LearnerVersions";""");
            migrationBuilder.Sql("""DROP TRIGGER "AspNetUsers_notify_delete" ON "AspNetUsers";""");
            migrationBuilder.Sql("""DROP TRIGGER "AspNetUsers_notify_stamp" ON "AspNetUsers";""");
            migrationBuilder.Sql("""DROP TRIGGER "UserSessions_notify" ON "UserSessions";""");
            migrationBuilder.Sql("DROP FUNCTION llmcourse_notify_learner_version(); DROP FUNCTION llmcourse_notify_user(); DROP FUNCTION llmcourse_notify_session();");
        }
    }
}
