using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LlmCourse.Web.Data.Migrations.Postgres
{
    /// <summary>
    /// Generated empty, then written by hand (the model cannot express triggers): the dashboard lists a learner's
    /// private decks, so their rows move the learner's version like the Baseline's tables (DashboardFreshnessTests
    /// found them missing).
    /// </summary>
    public partial class PrivateDeckVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TRIGGER "PrivateDecks_learner_version" AFTER INSERT OR UPDATE OR DELETE ON "PrivateDecks"
                FOR EACH ROW EXECUTE FUNCTION learner_version_bump();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER "PrivateDecks_learner_version" ON "PrivateDecks";""");
        }
    }
}
