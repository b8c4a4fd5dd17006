using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using LlmCourse.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace LlmCourse.Web.Accounts;

/// <summary>What a sign-in cookie's session row says now: whose it is, the account's security stamp, and the learner's version.</summary>
/// <param name="LearnerVersion">The learner's <see cref="LearnerVersion"/> (0 before anything of theirs was written), read in
/// the same query because the dashboard copy needs it on every request.</param>
public sealed record SessionRow(string UserId, string? SecurityStamp, long LearnerVersion);

/// <summary>
/// Reads a session row: on every signed-in request on SQLite, and on PostgreSQL when this instance has no copy of the
/// row it may trust (<see cref="SessionRowCache"/>). It bypasses EF Core: a few connections stay open with the
/// query prepared, so a read is one primary-key lookup (with two more by key, joined) and no connection set-up.
/// A connection that failed is dropped, not reused.
/// </summary>
public sealed class SessionReader(IServiceScopeFactory scopes, IConfiguration configuration) : IDisposable
{
    private const int MaxIdle = 8;

    private const string Query = """
        SELECT s."UserId", u."SecurityStamp", COALESCE(v."Version", 0)
        FROM "UserSessions" AS s
        INNER JOIN "AspNetUsers" AS u ON u."Id" = s."UserId"
        LEFT JOIN "LearnerVersions" AS v ON v."UserId" = s."UserId"
        WHERE s."Id" = @session
        """;

    // A queue, not a bag: the bag's work stealing between threads took a lock on most reads under load.
    private readonly ConcurrentQueue<Reader> _idle = new();
    private int _idleCount;
    private readonly int _busyTimeoutMs = configuration.GetValue("Database:BusyTimeoutMs", 5000);
    // The same limit as EF Core's commands: SQLite's driver retries a locked database until the command times out.
    private readonly int _commandTimeoutSeconds = configuration.GetValue("Database:CommandTimeoutSeconds", 30);
    private Source? _source;

    /// <summary>The session's row, or null when there is no such session (signed out, ended, or the account deleted).</summary>
    public async Task<SessionRow?> ReadAsync(string sessionId, CancellationToken cancellationToken)
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
            var row = await reader.ReadAsync(sessionId, cancellationToken);
            if (Interlocked.Increment(ref _idleCount) <= MaxIdle)
            {
                _idle.Enqueue(reader);
                reader = null;
            }
            else
            {
                Interlocked.Decrement(ref _idleCount);
            }

            return row;
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
            command.CommandText = Query;
            command.CommandTimeout = _commandTimeoutSeconds;
            var session = command.CreateParameter();
            session.ParameterName = "@session";
            session.Value = "";
            command.Parameters.Add(session);
            await command.PrepareAsync(cancellationToken);
            return new Reader(connection, command, session);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Closes the connections kept open; the next read opens one again. An open SQLite connection in WAL mode
    /// keeps any other process from taking the file in exclusive locking mode (as the outage test does).
    /// </summary>
    public void CloseIdle()
    {
        while (_idle.TryDequeue(out var reader))
        {
            Interlocked.Decrement(ref _idleCount);
            reader.Dispose();
        }
    }

    public void Dispose() => CloseIdle();

    /// <summary>Where connections come from: the app's own provider and connection string.</summary>
    private sealed record Source(DbProviderFactory Factory, string ConnectionString, bool Sqlite);

    private sealed class Reader(DbConnection connection, DbCommand command, DbParameter session) : IDisposable
    {
        public async Task<SessionRow?> ReadAsync(string sessionId, CancellationToken cancellationToken)
        {
            session.Value = sessionId;
            await using var rows = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SingleRow, cancellationToken);
            if (!await rows.ReadAsync(cancellationToken))
            {
                return null;
            }

            return new SessionRow(
                rows.GetString(0),
                rows.IsDBNull(1) ? null : rows.GetString(1),
                Convert.ToInt64(rows.GetValue(2), CultureInfo.InvariantCulture));
        }

        public void Dispose()
        {
            command.Dispose();
            connection.Dispose();
        }
    }
}
