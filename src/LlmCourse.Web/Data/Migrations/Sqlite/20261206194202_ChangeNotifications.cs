using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LlmCourse.Web.Data.Migrations.Sqlite
{
    /// <summary>
    /// Empty on purpose: SQLite has no NOTIFY, and a SQLite site is one instance that reads every session row
    /// (SessionRowCache). It exists so both providers keep the same list of migrations (SchemaTests).
    /// </summary>
    public partial class ChangeNotifications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
    }
}
