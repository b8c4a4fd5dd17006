using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace LlmCourse.Web.Data.Migrations.Postgres
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Scope = table.Column<string>(type: "character varying(220)", maxLength: 220, nullable: false),
                    ActiveScope = table.Column<string>(type: "character varying(220)", maxLength: 220, nullable: true),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    RequestedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    RequestedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    HeartbeatAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    FinishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Stage = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Progress = table.Column<double>(type: "double precision", nullable: false),
                    Reviews = table.Column<int>(type: "integer", nullable: false),
                    TrainingReviews = table.Column<int>(type: "integer", nullable: false),
                    HeldOutReviews = table.Column<int>(type: "integer", nullable: false),
                    LogLossBefore = table.Column<double>(type: "double precision", nullable: true),
                    LogLossAfter = table.Column<double>(type: "double precision", nullable: true),
                    RmseBinsBefore = table.Column<double>(type: "double precision", nullable: true),
                    RmseBinsAfter = table.Column<double>(type: "double precision", nullable: true),
                    Adopted = table.Column<bool>(type: "boolean", nullable: false),
                    Outcome = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Explanation = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    FittedParameters = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FsrsOptimizationRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "FsrsWeightSets",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Scope = table.Column<string>(type: "character varying(220)", maxLength: 220, nullable: false),
                    Parameters = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    AdoptedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RunId = table.Column<long>(type: "bigint", nullable: true)
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
