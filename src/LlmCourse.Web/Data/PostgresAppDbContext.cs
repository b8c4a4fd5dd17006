using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace LlmCourse.Web.Data;

/// <summary>The model on PostgreSQL; its migrations are in Data/Migrations/Postgres.</summary>
public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options) : AppDbContext(options);

/// <summary>
/// What <c>dotnet ef</c> builds to scaffold PostgreSQL migrations, without starting the site. <c>migrations add</c>
/// never connects; commands that ask the database (<c>migrations remove</c> checks the migration is not applied)
/// take a connection string after <c>--</c>. The site migrates its own database at start-up.
/// </summary>
internal sealed class PostgresAppDbContextFactory : IDesignTimeDbContextFactory<PostgresAppDbContext>
{
    public PostgresAppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresAppDbContext>()
            .UseNpgsql(args.FirstOrDefault() ?? "Host=localhost;Database=llmcourse")
            .Options);
}
