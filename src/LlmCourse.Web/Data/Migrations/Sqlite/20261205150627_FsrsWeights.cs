using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LlmCourse.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FsrsWeights : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "FsrsOptimizationRuns",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Scope = table.Column<string>(type: "TEXT", maxLength: 220, nullable: false),
                    ActiveScope = table.Column<string>(type: "TEXT", maxLength: 220, nullable: true),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    RequestedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    RequestedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    HeartbeatAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FinishedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Stage = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Progress = table.Column<double>(type: "REAL", nullable: false),
                    Reviews = table.Column<int>(type: "INTEGER", nullable: false),
                    TrainingReviews = table.Column<int>(type: "INTEGER", nullable: false),
                    HeldOutReviews = table.Column<int>(type: "INTEGER", nullable: false),
                    LogLossBefore = table.Column<double>(type: "REAL", nullable: true),
                    LogLossAfter = table.Column<double>(type: "REAL", nullable: true),
                    RmseBinsBefore = table.Column<double>(type: "REAL", nullable: true),
                    RmseBinsAfter = table.Column<double>(type: "REAL", nullable: true),
                    Adopted = table.Column<bool>(type: "INTEGER", nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Explanation = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Error = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    FittedParameters = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FsrsOptimizationRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "FsrsWeightSets",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Scope = table.Column<string>(type: "TEXT", maxLength: 220, nullable: false),
                    Parameters = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    AdoptedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RunId = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FsrsWeightSets", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_FsrsOptimizationRuns_ActiveScope",
                table: "FsrsOptimizationRuns",
                column: "ActiveScope",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_FsrsOptimizationRuns_Scope_Id",
                table: "FsrsOptimizationRuns",
                columns: new[] { "Scope", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_FsrsOptimizationRuns_Status",
                table: "FsrsOptimizationRuns",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_FsrsWeightSets_Scope",
                table: "FsrsWeightSets",
                column: "Scope",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FsrsOptimizationRuns");

            migrationBuilder.DropTable(
                name: "FsrsWeightSets");
        }
    }
}
