using System.Collections.Concurrent;
using System.Data.Common;
using LlmCourse.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace LlmCourse.Web.Progress;

/// <summary>
/// Reads a learner's <see cref="LearnerVersion"/>, which every dashboard request needs before anything else.
/// It bypasses EF Core: a few connections stay open with the query prepared, so a read is one primary-key lookup
/// and no connection set-up. A connection that failed is dropped, not reused.
/// </summary>
public sealed class LearnerVersionReader(IServiceScopeFactory scopes, IConfiguration configuration) : IDisposable
{
    private const int MaxIdle = 8;

    // A queue, not a bag: the bag's work stealing between threads took a lock on most reads under load.
    private readonly ConcurrentQueue<Reader> _idle = new();
    private int _idleCount;
    private readonly int _busyTimeoutMs = configuration.GetValue("Database:BusyTimeoutMs", 5000);
    private Source? _source;

    /// <summary>The learner's version, 0 when nothing of theirs has been written yet.</summary>
    public async Task<long> ReadAsync(string userId, CancellationToken cancellationToken)
    {
        Reader? reader;
        if (_idle.TryDequeue(out var idle))
        {
            Interlocked.Decrement(ref _idleCount);
            reader = idle;
        }
        else
        {
            reader = await OpenAsync(cancellationToken);
        }

        try
        {
            var version = await reader.ReadAsync(userId, cancellationToken);
            if (Interlocked.Increment(ref _idleCount) <= MaxIdle)
            {
                _idle.Enqueue(reader);
                reader = null;
            }
            else
            {
                Interlocked.Decrement(ref _idleCount);
            }

            return version;
        }
        finally
        {
            reader?.Dispose();
        }
    }

    private async Task<Reader> OpenAsync(CancellationToken cancellationToken)
    {
        if (_source is null)
        {
            await using var scope = scopes.CreateAsyncScope();
            var database = scope.ServiceProvider.GetRequiredService<AppDbContext>().Database;
            _source = new Source(DbProviderFactories.GetFactory(database.GetDbConnection())!, database.GetConnectionString()!, database.IsSqlite());
        }

        var (factory, connectionString, sqlite) = _source;
        var connection = factory.CreateConnection() ?? throw new InvalidOperationException("The database provider made no connection.");
        try
        {
            connection.ConnectionString = connectionString;
            await connection.OpenAsync(cancellationToken);
            if (sqlite)
            {
                await using var pragma = connection.CreateCommand();
                pragma.CommandText = $"PRAGMA busy_timeout={_busyTimeoutMs}";
                await pragma.ExecuteNonQueryAsync(cancellationToken);
            }

            var command = connection.CreateCommand();
            command.CommandText = """SELECT "Version" FROM "LearnerVersions" WHERE "UserId" = @user""";
            var user = command.CreateParameter();
            user.ParameterName = "@user";
            user.Value = "";
            command.Parameters.Add(user);
            await command.PrepareAsync(cancellationToken);
            return new Reader(connection, command, user);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public void Dispose()
    {
        while (_idle.TryDequeue(out var reader))
        {
            reader.Dispose();
        }
    }

    /// <summary>Where connections come from: the app's own provider and connection string.</summary>
    private sealed record Source(DbProviderFactory Factory, string ConnectionString, bool Sqlite);

    private sealed class Reader(DbConnection connection, DbCommand command, DbParameter user) : IDisposable
    {
        public async Task<long> ReadAsync(string userId, CancellationToken cancellationToken)
        {
            user.Value = userId;
            return await command.ExecuteScalarAsync(cancellationToken) is { } value and not DBNull ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        }

        public void Dispose()
        {
            command.Dispose();
            connection.Dispose();
        }
    }
}
