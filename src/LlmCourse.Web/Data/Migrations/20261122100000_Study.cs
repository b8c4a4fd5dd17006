using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace LlmCourse.Web.Data.Migrations;

/// <summary>Study modes: per-card scheduling state, review logs, mode sessions and spaced-repetition settings.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261122100000_Study")]
public sealed class Study : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "StudyCards",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false).AutoIncrement(),
                UserId = table.Column<string>(nullable: false),
                WeekNumber = table.Column<int>(nullable: false),
                DeckId = table.Column<string>(maxLength: 200, nullable: false),
                CardId = table.Column<string>(maxLength: 200, nullable: false),
                State = table.Column<int>(nullable: false),
                Step = table.Column<int>(nullable: true),
                Stability = table.Column<double>(nullable: true),
                Difficulty = table.Column<double>(nullable: true),
                Due = table.Column<DateTime>(nullable: false),
                LastReview = table.Column<DateTime>(nullable: true),
                Starred = table.Column<bool>(nullable: false),
                LearnedInLearn = table.Column<bool>(nullable: false),
                CorrectInTest = table.Column<bool>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_StudyCards", x => x.Id);
                table.ForeignKey("FK_StudyCards_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "StudyReviews",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false).AutoIncrement(),
                UserId = table.Column<string>(nullable: false),
                ReviewId = table.Column<string>(maxLength: 64, nullable: false),
                WeekNumber = table.Column<int>(nullable: false),
                DeckId = table.Column<string>(maxLength: 200, nullable: false),
                CardId = table.Column<string>(maxLength: 200, nullable: false),
                Rating = table.Column<int>(nullable: false),
                ReviewedAt = table.Column<DateTime>(nullable: false),
                ElapsedDays = table.Column<int>(nullable: false),
                ScheduledDays = table.Column<int>(nullable: false),
                Interval = table.Column<TimeSpan>(nullable: false),
                StateBefore = table.Column<int>(nullable: false),
                StateAfter = table.Column<int>(nullable: false),
                StabilityBefore = table.Column<double>(nullable: true),
                StabilityAfter = table.Column<double>(nullable: false),
                DifficultyBefore = table.Column<double>(nullable: true),
                DifficultyAfter = table.Column<double>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_StudyReviews", x => x.Id);
                table.ForeignKey("FK_StudyReviews_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "StudySessions",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false).AutoIncrement(),
                UserId = table.Column<string>(nullable: false),
                WeekNumber = table.Column<int>(nullable: false),
                DeckId = table.Column<string>(maxLength: 200, nullable: false),
                Mode = table.Column<string>(maxLength: 20, nullable: false),
                StartedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                FinishedAt = table.Column<DateTime>(nullable: true),
                Correct = table.Column<int>(nullable: false),
                Answered = table.Column<int>(nullable: false),
                TimeMs = table.Column<long>(nullable: true),
                StateJson = table.Column<string>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_StudySessions", x => x.Id);
                table.ForeignKey("FK_StudySessions_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "StudySettings",
            columns: table => new
            {
                UserId = table.Column<string>(nullable: false),
                DailyNewCards = table.Column<int>(nullable: false),
                DesiredRetention = table.Column<double>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_StudySettings", x => x.UserId);
                table.ForeignKey("FK_StudySettings_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex("IX_StudyCards_UserId_WeekNumber_DeckId_CardId", "StudyCards", ["UserId", "WeekNumber", "DeckId", "CardId"], unique: true);
        migrationBuilder.CreateIndex("IX_StudyCards_UserId_Due", "StudyCards", ["UserId", "Due"]);
        migrationBuilder.CreateIndex("IX_StudyReviews_UserId_ReviewId", "StudyReviews", ["UserId", "ReviewId"], unique: true);
        migrationBuilder.CreateIndex("IX_StudyReviews_UserId_ReviewedAt", "StudyReviews", ["UserId", "ReviewedAt"]);
        migrationBuilder.CreateIndex("IX_StudySessions_UserId_WeekNumber_DeckId_Mode", "StudySessions", ["UserId", "WeekNumber", "DeckId", "Mode"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("StudyCards");
        migrationBuilder.DropTable("StudyReviews");
        migrationBuilder.DropTable("StudySessions");
        migrationBuilder.DropTable("StudySettings");
    }
}
