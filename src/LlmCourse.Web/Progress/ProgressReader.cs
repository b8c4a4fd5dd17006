using System.Security.Claims;

namespace LlmCourse.Web.Progress;

/// <summary>Loads the signed-in learner's progress once per request; anonymous visitors get none.</summary>
public sealed class ProgressReader(ProgressService progress, IHttpContextAccessor http)
{
    private LearnerProgress? _loaded;

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
}
