using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace LlmCourse.Web.Data;

/// <summary>
/// A compiled query (<c>EF.CompileAsyncQuery</c>) for each EF Core model it runs on. EF Core binds a compiled query to
/// the first model it meets and refuses any other; a site has one (SQLite or PostgreSQL), but a process may hold
/// hosts of both, as the test suites do when a PostgreSQL host runs beside SQLite ones.
/// </summary>
public sealed class CompiledPerModel<TQuery>(Func<TQuery> compile)
    where TQuery : Delegate
{
    private readonly ConcurrentDictionary<IModel, TQuery> _byModel = new();

    public TQuery For(DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return _byModel.GetOrAdd(db.Model, _ => compile());
    }
}
