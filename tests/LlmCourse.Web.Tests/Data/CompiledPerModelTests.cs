using LlmCourse.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace LlmCourse.Web.Tests.Data;

/// <summary>
/// EF Core refuses to run a compiled query on a second model ("compiled query … different model"): with the query in a
/// plain static field, a PostgreSQL host in a process that had served a SQLite one answered every quiz start with 500.
/// </summary>
public sealed class CompiledPerModelTests
{
    private static readonly CompiledPerModel<Func<AppDbContext, string, CancellationToken, Task<int>>> CountAttempts = new(() =>
        EF.CompileAsyncQuery((AppDbContext db, string userId, CancellationToken ct) => db.QuizAttempts.Count(a => a.UserId == userId)));

    [Fact]
    public async Task EachModel_GetsItsOwnCompiledQuery_AndKeepsIt()
    {
        var compiled = 0;
        var holder = new CompiledPerModel<Func<int>>(() =>
        {
            var number = ++compiled;
            return () => number;
        });
        await using var sqlite = Sqlite();
        await using var postgres = new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql("Host=127.0.0.1;Database=never-opened").Options);

        var forSqlite = holder.For(sqlite);
        var forPostgres = holder.For(postgres);

        Assert.Equal(1, forSqlite());
        Assert.Equal(2, forPostgres());
        Assert.Same(forSqlite, holder.For(sqlite));
        Assert.Same(forPostgres, holder.For(postgres));
        Assert.Equal(2, compiled);
    }

    [Fact]
    public async Task TheQuery_RunsOnTheModelItWasCompiledFor_AfterAnotherModelUsedIt()
    {
        // Run first on PostgreSQL, as a PostgreSQL host in the same process would. EF Core binds the query to the model
        // before it connects, so a server that is not there (port 1) still takes the binding.
        await using var postgres = new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql("Host=127.0.0.1;Port=1;Database=never-opened;Timeout=2").Options);
        await Assert.ThrowsAnyAsync<Exception>(() => CountAttempts.For(postgres)(postgres, "nobody", CancellationToken.None));

        await using var sqlite = Sqlite();
        await sqlite.Database.OpenConnectionAsync();
        await sqlite.Database.EnsureCreatedAsync();

        Assert.Equal(0, await CountAttempts.For(sqlite)(sqlite, "nobody", CancellationToken.None));
    }

    private static SqliteAppDbContext Sqlite() =>
        new(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite(new SqliteConnectionStringBuilder { DataSource = ":memory:" }.ConnectionString).Options);
}
