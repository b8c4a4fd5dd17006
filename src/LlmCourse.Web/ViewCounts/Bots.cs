using System.Buffers;

namespace LlmCourse.Web.ViewCounts;

/// <summary>
/// Which visitors are not people, by User-Agent: the one list of patterns (case-insensitive substrings).
/// A request with no User-Agent at all is a script, not a browser. Headless browsers are left out too, so
/// monitoring and test runs do not inflate the counts.
/// </summary>
public static class Bots
{
    private static readonly SearchValues<string> Markers = SearchValues.Create(
        [
            "bot", "crawl", "spider", "slurp", "archiver", "facebookexternalhit", "embedly", "preview", "headless",
            "lighthouse", "pingdom", "uptime", "monitor", "curl/", "wget/", "python-", "python/", "go-http-client",
            "java/", "okhttp", "httpclient", "axios/", "node-fetch", "undici", "libwww", "wrk", "apachebench",
        ],
        StringComparison.OrdinalIgnoreCase);

    public static bool IsBot(string? userAgent) =>
        string.IsNullOrWhiteSpace(userAgent) || userAgent.AsSpan().ContainsAny(Markers);
}
