using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace LlmCourse.Web.Data.Migrations;

/// <summary>Course files in the database, their revisions, week publishing states and the audit log.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261122120000_Publishing")]
public sealed class Publishing : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "ContentFiles",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false).AutoIncrement(),
                Path = table.Column<string>(maxLength: 300, nullable: false),
                Text = table.Column<string>(nullable: false),
                Hash = table.Column<string>(maxLength: 16, nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                UpdatedBy = table.Column<string>(maxLength: 256, nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_ContentFiles", x => x.Id));

        migrationBuilder.CreateTable(
            name: "ContentRevisions",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false).AutoIncrement(),
                Path = table.Column<string>(maxLength: 300, nullable: false),
                Text = table.Column<string>(nullable: false),
                Hash = table.Column<string>(maxLength: 16, nullable: false),
                Deleted = table.Column<bool>(nullable: false),
                Author = table.Column<string>(maxLength: 256, nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                Action = table.Column<string>(maxLength: 20, nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_ContentRevisions", x => x.Id));

        migrationBuilder.CreateTable(
            name: "WeekPublications",
            columns: table => new
            {
                WeekNumber = table.Column<int>(nullable: false),
                State = table.Column<string>(maxLength: 20, nullable: false),
                ReleaseAt = table.Column<DateTime>(nullable: true),
                ChangedBy = table.Column<string>(maxLength: 256, nullable: false),
                ChangedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_WeekPublications", x => x.WeekNumber));

        migrationBuilder.CreateTable(
            name: "PublishingAudit",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false).AutoIncrement(),
                At = table.Column<DateTime>(nullable: false),
                Actor = table.Column<string>(maxLength: 256, nullable: false),
                Action = table.Column<string>(maxLength: 20, nullable: false),
                Target = table.Column<string>(maxLength: 300, nullable: false),
                Detail = table.Column<string>(maxLength: 2000, nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_PublishingAudit", x => x.Id));

        migrationBuilder.CreateIndex("IX_ContentFiles_Path", "ContentFiles", "Path", unique: true);
        migrationBuilder.CreateIndex("IX_ContentRevisions_Path_Id", "ContentRevisions", ["Path", "Id"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("ContentFiles");
        migrationBuilder.DropTable("ContentRevisions");
        migrationBuilder.DropTable("WeekPublications");
        migrationBuilder.DropTable("PublishingAudit");
    }
}
