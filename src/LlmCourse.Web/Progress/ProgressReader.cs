using System.Security.Claims;
using LlmCourse.Web.Data;

namespace LlmCourse.Web.Progress;

/// <summary>Loads the signed-in learner's progress once per request; anonymous visitors get none.</summary>
public sealed class ProgressReader(ProgressService progress, IHttpContextAccessor http)
{
    private LearnerProgress? _loaded;

    /// <summary>True when the database could not be reached: pages say progress is not being saved.</summary>
    public bool Unavailable { get; private set; }

    /// <summary>Runs a progress write; during a database outage the page still renders and says so.</summary>
    public async Task TryWriteAsync(Func<Task> write)
    {
        try
        {
            await write();
        }
        catch (Exception ex) when (DatabaseErrors.IsUnavailable(ex))
        {
            Unavailable = true;
        }
    }

    public static string? UserId(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true ? user.FindFirstValue(ClaimTypes.NameIdentifier) : null;

    public async Task<LearnerProgress> CurrentAsync()
    {
        if (_loaded is not null)
        {
            return _loaded;
        }

        var context = http.HttpContext;
        var userId = context is null ? null : UserId(context.User);
        _loaded = userId is null ? LearnerProgress.Empty : await progress.GetAsync(userId, context!.RequestAborted);
        return _loaded;
    }

    /// <summary>
    /// For course pages, which must still render during a database outage: no progress marks then, and
    /// <see cref="Unavailable"/> makes the layout say so. Pages that exist to show progress use <see cref="CurrentAsync"/>.
    /// </summary>
    public async Task<LearnerProgress> CurrentOrEmptyAsync()
    {
        try
        {
            return await CurrentAsync();
        }
        catch (Exception ex) when (DatabaseErrors.IsUnavailable(ex))
        {
            Unavailable = true;
            _loaded = LearnerProgress.Empty;
            return _loaded;
        }
    }
}
