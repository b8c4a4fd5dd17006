using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace LlmCourse.Web.Data.Migrations;

/// <summary>Learner progress (visits by day, completions) and personal API tokens.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261122090000_Progress")]
public sealed class Progress : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "ItemVisits",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false).AutoIncrement(),
                UserId = table.Column<string>(nullable: false),
                Day = table.Column<DateOnly>(nullable: false),
                WeekNumber = table.Column<int>(nullable: false),
                ItemId = table.Column<string>(maxLength: 200, nullable: false),
                LastSlide = table.Column<int>(nullable: false),
                SlidesSeen = table.Column<long>(nullable: false),
                FirstAt = table.Column<DateTime>(nullable: false),
                LastAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ItemVisits", x => x.Id);
                table.ForeignKey("FK_ItemVisits_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "ItemCompletions",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false).AutoIncrement(),
                UserId = table.Column<string>(nullable: false),
                WeekNumber = table.Column<int>(nullable: false),
                ItemId = table.Column<string>(maxLength: 200, nullable: false),
                CompletedAt = table.Column<DateTime>(nullable: false),
                Source = table.Column<string>(maxLength: 20, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ItemCompletions", x => x.Id);
                table.ForeignKey("FK_ItemCompletions_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "ApiTokens",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false).AutoIncrement(),
                UserId = table.Column<string>(nullable: false),
                Name = table.Column<string>(maxLength: 100, nullable: false),
                TokenHash = table.Column<string>(maxLength: 64, nullable: false),
                Prefix = table.Column<string>(maxLength: 16, nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                LastUsedAt = table.Column<DateTime>(nullable: true),
                RevokedAt = table.Column<DateTime>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ApiTokens", x => x.Id);
                table.ForeignKey("FK_ApiTokens_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex("IX_ItemVisits_UserId_Day_WeekNumber_ItemId", "ItemVisits", ["UserId", "Day", "WeekNumber", "ItemId"], unique: true);
        migrationBuilder.CreateIndex("IX_ItemVisits_UserId_LastAt", "ItemVisits", ["UserId", "LastAt"]);
        migrationBuilder.CreateIndex("IX_ItemCompletions_UserId_WeekNumber_ItemId", "ItemCompletions", ["UserId", "WeekNumber", "ItemId"], unique: true);
        migrationBuilder.CreateIndex("IX_ApiTokens_TokenHash", "ApiTokens", "TokenHash", unique: true);
        migrationBuilder.CreateIndex("IX_ApiTokens_UserId", "ApiTokens", "UserId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("ItemVisits");
        migrationBuilder.DropTable("ItemCompletions");
        migrationBuilder.DropTable("ApiTokens");
    }
}
