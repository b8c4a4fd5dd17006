using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Npgsql.EntityFrameworkCore.PostgreSQL;

namespace LlmCourse.Web.Data;

/// <summary>
/// How the site rides out a PostgreSQL failover or restart. A statement or <c>SaveChanges</c> outside an explicit
/// transaction is retried on a transient failure (connection refused or broken, server shutting down or starting
/// up): it either committed whole or not at all, and saves that must not run twice guard themselves with unique
/// keys (a quiz start) or conditional updates. Work that a caller wrapped in
/// <c>Database.CreateExecutionStrategy().ExecuteAsync</c> is retried as one unit (the answer save). Any other
/// explicit transaction is not retried, since its earlier statements died with the connection: the failure goes
/// up and the request answers 503 with Retry-After (Hosting/DatabaseUnavailableHandler), nothing changed.
/// <para>
/// EF Core's own retrying strategy refuses user-initiated transactions outright; this one lets them run once.
/// </para>
/// </summary>
public sealed class ResilientExecutionStrategy(ExecutionStrategyDependencies dependencies, int maxRetryCount, TimeSpan maxRetryDelay)
    : NpgsqlRetryingExecutionStrategy(dependencies, maxRetryCount, maxRetryDelay, ServerGoingAway)
{
    /// <summary>Administrator or crash shutdown, and "the database system is starting up": a restart in progress.</summary>
    private static readonly string[] ServerGoingAway = ["57P01", "57P02", "57P03"];

    private bool _insideCallersTransaction;

    protected override void OnFirstExecution()
    {
        // One strategy serves a context for its lifetime (a pooled one for many requests): decide afresh each time.
        _insideCallersTransaction = Dependencies.CurrentContext.Context.Database.CurrentTransaction is not null;
        if (_insideCallersTransaction)
        {
            ExceptionsEncountered.Clear();
            return;
        }

        base.OnFirstExecution();
    }

    protected override bool ShouldRetryOn(Exception? exception) =>
        !_insideCallersTransaction && base.ShouldRetryOn(exception);

    protected override void OnRetry()
    {
        // After a restart every idle connection in the pool is dead; drop them all rather than fail on each in turn.
        if (Dependencies.CurrentContext.Context.Database.GetDbConnection() is NpgsqlConnection connection)
        {
            NpgsqlConnection.ClearPool(connection);
        }

        base.OnRetry();
    }
}
