using System.Collections.Concurrent;
using System.Data.Common;
using System.Text.RegularExpressions;
using LlmCourse.Web.Data;
using LlmCourse.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LlmCourse.Web.Tests.Dashboard;

/// <summary>
/// The dashboard copy stays fresh only while every learner's row it shows moves that learner's version (database
/// triggers). This is the contract, checked rather than kept by hand: the tables are those the dashboard page
/// actually queries (its SQL, recorded while it renders), and a table holds a learner's rows when its entity in
/// the model has a UserId. A new query of such a table without a version trigger fails here.
/// </summary>
public sealed partial class DashboardFreshnessTests(DashboardFreshnessTests.RecordingApp app) : IClassFixture<DashboardFreshnessTests.RecordingApp>
{
    /// <summary>
    /// Tables the dashboard may read that hold no learner's rows; each is covered by another part of the copy's key:
    /// the course (files, images, publication states) by the course revision and released weeks, announcements by
    /// the announcement board's version, the account by the session check and roles.
    /// </summary>
    private static readonly HashSet<string> CoveredElsewhere = new(StringComparer.Ordinal)
    {
        "ContentFiles", "ContentAssets", "WeekPublications", "Announcements", "AspNetUsers", "AspNetRoles", "AspNetUserRoles",
    };

    [Fact]
    public async Task EveryLearnerTableTheDashboardReads_HasVersionTriggers()
    {
        var client = await TestAccounts.RegisterAsync(app, $"fresh-{Guid.NewGuid():N}@example.com");
        app.Commands.Clear();

        // A browser's first visit is always rendered (its copy is keyed by the antiforgery cookie made now).
        using var response = await client.GetAsync("/dashboard");
        response.EnsureSuccessStatusCode();
        var sql = app.Commands.ToArray();
        Assert.NotEmpty(sql);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var entities = db.Model.GetEntityTypes().Where(e => e.GetTableName() is not null)
            .GroupBy(e => e.GetTableName()!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var read = sql.SelectMany(s => TableReference().Matches(s).Select(m => m.Groups[1].Value)).Where(entities.ContainsKey).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("ItemVisits", read);

        var learnerTables = read.Where(t => entities[t].Any(e => e.FindProperty("UserId") is not null)).Order(StringComparer.Ordinal).ToList();
        var problems = new List<string>();
        foreach (var table in learnerTables)
        {
            var missing = await MissingTriggerOperationsAsync(db, table);
            if (missing.Count > 0)
            {
                problems.Add($"{table} holds learners' rows and the dashboard reads it, but no trigger bumps LearnerVersions on {string.Join(", ", missing)}");
            }
        }

        foreach (var table in read.Except(learnerTables).Where(t => !CoveredElsewhere.Contains(t)))
        {
            problems.Add($"{table} is read by the dashboard, has no UserId and is not covered by another part of the copy's key");
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task TheCheck_NamesATableWithoutTriggers()
    {
        // The check above must be able to fail: a per-learner table with no trigger is reported.
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Equal(["INSERT", "UPDATE", "DELETE"], await MissingTriggerOperationsAsync(db, "QuizAttempts"));
        Assert.Empty(await MissingTriggerOperationsAsync(db, "StudyCards"));
    }

    /// <summary>The operations on <paramref name="table"/> that no LearnerVersions trigger follows.</summary>
    private static async Task<List<string>> MissingTriggerOperationsAsync(AppDbContext db, string table)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync();
        }

        await using var command = connection.CreateCommand();
        var covered = new HashSet<string>(StringComparer.Ordinal);
        if (db.Database.IsNpgsql())
        {
            // tgtype bits: 4 insert, 8 delete, 16 update; the trigger function must be the version bump.
            command.CommandText = """
                SELECT t.tgtype FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_proc p ON p.oid = t.tgfoid
                WHERE c.relname = @table AND NOT t.tgisinternal AND p.prosrc LIKE '%LearnerVersions%'
                """;
            AddParameter(command, "@table", table);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var type = Convert.ToInt32(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture);
                if ((type & 4) != 0) covered.Add("INSERT");
                if ((type & 16) != 0) covered.Add("UPDATE");
                if ((type & 8) != 0) covered.Add("DELETE");
            }
        }
        else
        {
            command.CommandText = "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = @table";
            AddParameter(command, "@table", table);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var text = reader.GetString(0);
                if (!text.Contains("\"LearnerVersions\"", StringComparison.Ordinal))
                {
                    continue;
                }

                foreach (var operation in new[] { "INSERT", "UPDATE", "DELETE" })
                {
                    if (text.Contains("AFTER " + operation, StringComparison.OrdinalIgnoreCase))
                    {
                        covered.Add(operation);
                    }
                }
            }
        }

        return [.. new[] { "INSERT", "UPDATE", "DELETE" }.Where(o => !covered.Contains(o))];
    }

    private static void AddParameter(DbCommand command, string name, string value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    [GeneratedRegex(@"(?:FROM|JOIN)\s+""(\w+)""", RegexOptions.IgnoreCase)]
    private static partial Regex TableReference();

    /// <summary>The app, recording the SQL that EF Core runs while serving /dashboard (found by the request's logging scope).</summary>
    public sealed class RecordingApp : ClockedAppFactory
    {
        public ConcurrentQueue<string> Commands { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(logging =>
            {
                logging.AddProvider(new DashboardSql(Commands));
                logging.AddFilter<DashboardSql>(DbLoggerCategory.Database.Command.Name, LogLevel.Information);
            });
        }
    }

    private sealed class DashboardSql(ConcurrentQueue<string> sink) : ILoggerProvider, ISupportExternalScope
    {
        private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

        private ConcurrentQueue<string> Sink => sink;

        public ILogger CreateLogger(string categoryName) =>
            categoryName == DbLoggerCategory.Database.Command.Name ? new Recorder(this) : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

        public void Dispose()
        {
        }

        private bool InDashboardRequest()
        {
            var found = false;
            _scopes.ForEachScope(
                (scope, _) =>
                {
                    if (scope is IEnumerable<KeyValuePair<string, object?>> values
                        && values.Any(v => v.Key == "RequestPath" && string.Equals(v.Value as string, "/dashboard", StringComparison.OrdinalIgnoreCase)))
                    {
                        found = true;
                    }
                },
                (object?)null);
            return found;
        }

        private sealed class Recorder(DashboardSql owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => owner._scopes.Push(state);

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (owner.InDashboardRequest())
                {
                    owner.Sink.Enqueue(formatter(state, exception));
                }
            }
        }
    }
}
