using LlmCourse.Web.Data.Migrations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace LlmCourse.Web.Data;

/// <summary>Start-up work that instances sharing one database must do once: migrating, the first content import.</summary>
public static class StartupLock
{
    /// <summary>
    /// Applies pending migrations under the start-up lock. A database still described by the retired
    /// hand-written migrations is first adopted by the generated ones (see <see cref="LegacyMigrations"/>).
    /// </summary>
    public static Task MigrateUnderStartupLockAsync(this AppDbContext db, CancellationToken cancellationToken = default) =>
        db.WithStartupLockAsync(
            async () =>
            {
                await LegacyMigrations.AdoptAsync(db, cancellationToken);
                await db.Database.MigrateAsync(cancellationToken);
            },
            cancellationToken);

    /// <summary>
    /// Runs start-up work (migrating, the first content import) under a PostgreSQL advisory lock, so
    /// instances starting together do it once: the others wait, then find nothing left to do. SQLite
    /// serves a single instance and needs no lock. A missing PostgreSQL database is created first, as
    /// migrating would (the lock needs a connection to it before migrating can).
    /// </summary>
    public static async Task WithStartupLockAsync(this AppDbContext db, Func<Task> work, CancellationToken cancellationToken = default)
    {
        if (!db.Database.IsNpgsql())
        {
            await work();
            return;
        }

        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (!await creator.ExistsAsync(cancellationToken))
        {
            try
            {
                await creator.CreateAsync(cancellationToken);
            }
            catch (Npgsql.PostgresException e) when (e.SqlState == Npgsql.PostgresErrorCodes.DuplicateDatabase)
            {
                // Another instance starting at the same moment created it.
            }
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_lock(727001)", cancellationToken);
            try
            {
                await work();
            }
            finally
            {
                await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_unlock(727001)", CancellationToken.None);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
