using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace LlmCourse.Web.Data.Migrations;

/// <summary>
/// Until December 2026 the schema came from seven hand-written migrations shared by both providers. The
/// generated migrations start with a baseline (the first migration of each provider's set) that builds the
/// very same schema, so a database those seven built needs only the baseline recorded as applied; later
/// generated migrations then apply as usual. Runs under the start-up lock, before migrating.
/// </summary>
public static class LegacyMigrations
{
    /// <summary>The hand-written migrations as their ids stand in the history table, in order.</summary>
    public static IReadOnlyList<string> Ids { get; } =
    [
        "20261122080000_Identity",
        "20261122090000_Progress",
        "20261122093000_DataProtectionKeys",
        "20261122100000_Study",
        "20261122110000_Quizzes",
        "20261122120000_Publishing",
        "20261204090000_LearnerVersions",
    ];

    /// <summary>
    /// Records the baseline as applied when the history holds exactly the seven hand-written migrations; does
    /// nothing on a new database, one made by the generated migrations, or one adopted before. A history with
    /// only some of them, or with other ids beside them, is refused: its schema is not the baseline's.
    /// </summary>
    /// <returns>Whether the baseline was recorded.</returns>
    public static async Task<bool> AdoptAsync(AppDbContext db, CancellationToken cancellationToken = default)
    {
        var history = db.GetService<IHistoryRepository>();
        if (!await history.ExistsAsync(cancellationToken))
        {
            return false;
        }

        var applied = (await history.GetAppliedMigrationsAsync(cancellationToken)).Select(r => r.MigrationId).ToList();
        var baseline = db.Database.GetMigrations().First();
        if (!applied.Any(Ids.Contains) || applied.Contains(baseline))
        {
            return false;
        }

        var missing = Ids.Except(applied).ToList();
        var unknown = applied.Except(Ids).ToList();
        if (missing.Count > 0 || unknown.Count > 0)
        {
            throw new InvalidOperationException(
                "The database was made by the hand-written migrations, but its history does not hold exactly the seven this " +
                $"version can adopt (missing: {Describe(missing)}; not known: {Describe(unknown)}). Nothing was changed.");
        }

        await db.Database.ExecuteSqlRawAsync(history.GetInsertScript(new HistoryRow(baseline, ProductInfo.GetVersion())), cancellationToken);
        return true;
    }

    private static string Describe(List<string> ids) => ids.Count == 0 ? "none" : string.Join(", ", ids);
}
