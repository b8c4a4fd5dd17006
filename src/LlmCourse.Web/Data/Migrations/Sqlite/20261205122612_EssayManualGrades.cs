using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LlmCourse.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EssayManualGrades : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "QuizManualGrades",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AttemptId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    QuestionId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Mark = table.Column<double>(type: "REAL", nullable: false),
                    MaxMark = table.Column<double>(type: "REAL", nullable: false),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 5000, nullable: false),
                    CommentHtml = table.Column<string>(type: "TEXT", nullable: true),
                    GradedBy = table.Column<string>(type: "TEXT", nullable: false),
                    GradedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QuizManualGrades", x => x.Id);
                    table.ForeignKey(
                        name: "FK_QuizManualGrades_QuizAttempts_AttemptId",
                        column: x => x.AttemptId,
                        principalTable: "QuizAttempts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_QuizManualGrades_AttemptId_QuestionId_Id",
                table: "QuizManualGrades",
                columns: new[] { "AttemptId", "QuestionId", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "QuizManualGrades");
        }
    }
}
