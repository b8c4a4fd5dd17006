using LlmCourse.Core.Content;
using LlmCourse.Web.Accounts;
using LlmCourse.Web.Content;
using LlmCourse.Web.Data;
using Microsoft.Net.Http.Headers;

namespace LlmCourse.Web.Assets;

/// <summary>
/// Serves the course's images at <c>/assets/{hash}/{name}</c>. The hash is the image's content hash, so one URL
/// always means the same bytes: responses are cached for a year and marked immutable, and an edited image simply
/// gets a new URL when its pages are parsed again.
/// </summary>
/// <remarks>
/// Who may fetch an image is decided by its week, not by how hard the URL is to guess: an image is served when
/// the week whose folder holds it is visible to the caller (published and released, or previewed by an
/// instructor), and to instructors always, since the editor previews drafts. Anyone else gets 404, the same
/// answer as for a hash that does not exist, so a draft's images cannot be found by trying names or hashes, and
/// nothing lists them. Images of a visible week are <c>public</c> (any cache may keep them); an instructor's
/// view of a draft's image is <c>private</c>, so no shared cache hands it to someone else.
/// </remarks>
public static class AssetEndpoints
{
    /// <summary>
    /// SVG is a document that could run script: served with a policy that allows no script, no loads and no
    /// frames whatever the file says (inline styles only, which drawings use). The loader refuses unsafe SVG
    /// already; this is the second wall. PNG and WebP get the same policy; it costs them nothing.
    /// </summary>
    public const string ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'";

    public const string PublicCaching = "public, max-age=31536000, immutable";
    public const string PrivateCaching = "private, max-age=31536000, immutable";

    public static IEndpointRouteBuilder MapCourseAssets(this IEndpointRouteBuilder app)
    {
        app.MapGet("/assets/{hash}/{name}", Serve)
            .WithName("CourseAsset")
            .ExcludeFromDescription();
        return app;
    }

    private static IResult Serve(string hash, string name, CourseCatalog catalog, HttpContext http)
    {
        var snapshot = catalog.Snapshot;
        var candidates = snapshot.FindAssets(hash, name).ToList();
        var weeks = candidates.Select(snapshot.WeekOf).OfType<Week>().ToList();
        var publicWeeks = catalog.PublicWeeks().Select(w => w.Number).ToHashSet();
        var isPublic = weeks.Any(w => publicWeeks.Contains(w.Number));
        var allowed = isPublic || http.User.IsInRole(Roles.Instructor) || weeks.Any(w => catalog.IsWeekVisible(w.Number));
        if (candidates.Count == 0 || !allowed)
        {
            return Results.NotFound();
        }

        var asset = candidates[0];
        var headers = http.Response.Headers;
        headers.CacheControl = isPublic ? PublicCaching : PrivateCaching;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        return Results.File(asset.Bytes, asset.ContentType, entityTag: new EntityTagHeaderValue($"\"{asset.Hash}\""));
    }
}
