using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace LlmCourse.Web.Accounts;

/// <summary>
/// Notes that the current request wrote to the database, whatever wrote (SaveChanges, ExecuteUpdate, raw SQL), so
/// that <see cref="LearnerVersionCookie"/> reads the learner's version only after requests that may have moved it:
/// a GET that records a visit as much as a POST. Anything that is not a SELECT counts; a false alarm costs one read.
/// </summary>
public sealed class RequestWrites : DbCommandInterceptor
{
    public static readonly RequestWrites Interceptor = new();

    private static readonly AsyncLocal<Flag?> Current = new();

    private RequestWrites()
    {
    }

    /// <summary>Starts watching the commands of the calling flow (one request); the flag turns when one writes.</summary>
    public static Flag Begin() => Current.Value = new Flag();

    public override DbCommand CommandInitialized(CommandEndEventData eventData, DbCommand result)
    {
        if (Current.Value is { Wrote: false } flag && !result.CommandText.AsSpan().TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase))
        {
            flag.Wrote = true;
        }

        return result;
    }

    public sealed class Flag
    {
        private volatile bool _wrote;

        public bool Wrote
        {
            get => _wrote;
            set => _wrote = value;
        }
    }
}
