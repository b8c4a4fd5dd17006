using System.Security.Cryptography;
using System.Text;
using LlmCourse.Web.Content;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace LlmCourse.Web.Offline;

/// <summary>
/// What pages tell the offline-reading service worker (<c>wwwroot/sw.js</c>). Its address carries two versions: the
/// file's own hash, and a hash of what anonymous visitors see (content revision and released weeks). A change to either
/// installs a new worker whose cache replaces the old copies. Computed when a page is rendered, so a cached anonymous
/// page costs nothing more per request.
/// </summary>
public static class OfflineReading
{
    public const string WorkerPath = "/sw.js";

    public static string WorkerUrl(IFileVersionProvider files, PathString pathBase, CourseCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(catalog);
        var versioned = files.AddFileVersionToPath(pathBase, WorkerPath);
        var separator = versioned.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        return $"{versioned}{separator}c={ShortHash(catalog.VisibilityKey())}";
    }

    /// <summary>
    /// Names the signed-in learner in what the browser keeps offline, without their account id: reviews queued on a
    /// shared device are sent only when the same learner is signed in again.
    /// </summary>
    public static string LearnerTag(string userId) => ShortHash("learner:" + userId);

    private static string ShortHash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 8));
}
