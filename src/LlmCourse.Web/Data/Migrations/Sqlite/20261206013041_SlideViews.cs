using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LlmCourse.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SlideViews : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SlideViews",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    WeekNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    LectureId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Slide = table.Column<int>(type: "INTEGER", nullable: false),
                    ViewedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SlideViews", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SlideViews_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SlideViews_UserId",
                table: "SlideViews",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_SlideViews_WeekNumber_LectureId_UserId_ViewedAt",
                table: "SlideViews",
                columns: new[] { "WeekNumber", "LectureId", "UserId", "ViewedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SlideViews");
        }
    }
}
