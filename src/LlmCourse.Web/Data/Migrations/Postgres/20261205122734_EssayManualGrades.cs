using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace LlmCourse.Web.Data.Migrations.Postgres
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AttemptId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    QuestionId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Mark = table.Column<double>(type: "double precision", nullable: false),
                    MaxMark = table.Column<double>(type: "double precision", nullable: false),
                    Comment = table.Column<string>(type: "character varying(5000)", maxLength: 5000, nullable: false),
                    CommentHtml = table.Column<string>(type: "text", nullable: true),
                    GradedBy = table.Column<string>(type: "text", nullable: false),
                    GradedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
