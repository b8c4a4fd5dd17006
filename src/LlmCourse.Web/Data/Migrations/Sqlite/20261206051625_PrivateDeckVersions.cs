using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LlmCourse.Web.Data.Migrations.Sqlite
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
            foreach (var (operation, row) in new[] { ("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD") })
            {
                migrationBuilder.Sql($"""
                    CREATE TRIGGER "PrivateDecks_learner_version_{operation.ToLowerInvariant()}" AFTER {operation} ON "PrivateDecks"
                    BEGIN
                    INSERT INTO "LearnerVersions" ("UserId", "Version")
                    SELECT {row}."UserId", 1 WHERE EXISTS (SELECT 1 FROM "AspNetUsers" WHERE "Id" = {row}."UserId")
                    ON CONFLICT ("UserId") DO UPDATE SET "Version" = "LearnerVersions"."Version" + 1;
                    END;
                    """);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var operation in new[] { "insert", "update", "delete" })
            {
                migrationBuilder.Sql($"""DROP TRIGGER "PrivateDecks_learner_version_{operation}";""");
            }
        }
    }
}
