using LlmCourse.Web.Offline;
using LlmCourse.Web.Progress;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LlmCourse.Web.Api;

/// <param name="Token">The antiforgery request token to send as <c>X-CSRF-TOKEN</c>.</param>
/// <param name="Learner">A tag naming the signed-in learner (not their id), matched against what was queued offline.</param>
public sealed record OfflineTokenDto(string Token, string Learner);

/// <summary>What the site's pages need to send what was queued while offline.</summary>
public static class OfflineApi
{
    public static RouteGroupBuilder MapOfflineApi(this RouteGroupBuilder api)
    {
        api.MapGet("/me/offline-token", GetToken)
            .WithName("GetOfflineToken")
            .WithSummary("A fresh antiforgery token for the signed-in learner, and the tag that names them, for sending reviews made offline. Other sites cannot read it (no CORS).")
            .WithTags("Study")
            .RequireAuthorization();
        return api;
    }

    private static Ok<OfflineTokenDto> GetToken(HttpContext http, IAntiforgery antiforgery)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        return TypedResults.Ok(new OfflineTokenDto(tokens.RequestToken!, OfflineReading.LearnerTag(ProgressReader.UserId(http.User)!)));
    }
}
