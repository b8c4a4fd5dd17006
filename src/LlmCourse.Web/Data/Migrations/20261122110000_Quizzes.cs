using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace LlmCourse.Web.Data.Migrations;

/// <summary>Quiz attempts, their saved answers, the quiz revisions they were taken on, and the regrade log.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261122110000_Quizzes")]
public sealed class Quizzes : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "QuizSnapshots",
            columns: table => new
            {
                Revision = table.Column<string>(maxLength: 64, nullable: false),
                SourceFile = table.Column<string>(maxLength: 300, nullable: false),
                Markdown = table.Column<string>(nullable: false),
                StoredAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_QuizSnapshots", x => x.Revision));

        migrationBuilder.CreateTable(
            name: "QuizAttempts",
            columns: table => new
            {
                Id = table.Column<string>(maxLength: 32, nullable: false),
                UserId = table.Column<string>(nullable: false),
                WeekNumber = table.Column<int>(nullable: false),
                QuizId = table.Column<string>(maxLength: 200, nullable: false),
                Number = table.Column<int>(nullable: false),
                Seed = table.Column<int>(nullable: false),
                Revision = table.Column<string>(maxLength: 64, nullable: false),
                GradedRevision = table.Column<string>(maxLength: 64, nullable: true),
                StartedAt = table.Column<DateTime>(nullable: false),
                Deadline = table.Column<DateTime>(nullable: true),
                SubmittedAt = table.Column<DateTime>(nullable: true),
                AutoClosed = table.Column<bool>(nullable: false),
                Score = table.Column<double>(nullable: true),
                MaxScore = table.Column<double>(nullable: false),
                Passed = table.Column<bool>(nullable: false),
                MarksJson = table.Column<string>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_QuizAttempts", x => x.Id);
                table.ForeignKey("FK_QuizAttempts_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "QuizAnswers",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false).AutoIncrement(),
                AttemptId = table.Column<string>(maxLength: 32, nullable: false),
                QuestionId = table.Column<string>(maxLength: 200, nullable: false),
                ResponseJson = table.Column<string>(nullable: false),
                Revision = table.Column<string>(maxLength: 64, nullable: false),
                SavedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_QuizAnswers", x => x.Id);
                table.ForeignKey("FK_QuizAnswers_QuizAttempts_AttemptId", x => x.AttemptId, "QuizAttempts", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "QuizRegrades",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false).AutoIncrement(),
                AttemptId = table.Column<string>(maxLength: 32, nullable: false),
                OldScore = table.Column<double>(nullable: false),
                NewScore = table.Column<double>(nullable: false),
                Revision = table.Column<string>(maxLength: 64, nullable: false),
                RegradedAt = table.Column<DateTime>(nullable: false),
                RegradedBy = table.Column<string>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_QuizRegrades", x => x.Id);
                table.ForeignKey("FK_QuizRegrades_QuizAttempts_AttemptId", x => x.AttemptId, "QuizAttempts", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex("IX_QuizAttempts_UserId_WeekNumber_QuizId_Number", "QuizAttempts", ["UserId", "WeekNumber", "QuizId", "Number"], unique: true);
        migrationBuilder.CreateIndex("IX_QuizAttempts_WeekNumber_QuizId_SubmittedAt", "QuizAttempts", ["WeekNumber", "QuizId", "SubmittedAt"]);
        migrationBuilder.CreateIndex("IX_QuizAnswers_AttemptId_QuestionId", "QuizAnswers", ["AttemptId", "QuestionId"], unique: true);
        migrationBuilder.CreateIndex("IX_QuizRegrades_AttemptId", "QuizRegrades", "AttemptId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("QuizRegrades");
        migrationBuilder.DropTable("QuizAnswers");
        migrationBuilder.DropTable("QuizAttempts");
        migrationBuilder.DropTable("QuizSnapshots");
    }
}
