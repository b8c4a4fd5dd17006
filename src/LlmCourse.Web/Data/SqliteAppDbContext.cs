using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace LlmCourse.Web.Data;

/// <summary>The model on SQLite; its migrations are in Data/Migrations/Sqlite.</summary>
public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options) : AppDbContext(options);

/// <summary>
/// What <c>dotnet ef</c> builds to scaffold SQLite migrations, without starting the site. The connection is
/// never opened for <c>migrations add</c>; the site migrates its own database at start-up.
/// </summary>
internal sealed class SqliteAppDbContextFactory : IDesignTimeDbContextFactory<SqliteAppDbContext>
{
    public SqliteAppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite("Data Source=:memory:").Options);
}
