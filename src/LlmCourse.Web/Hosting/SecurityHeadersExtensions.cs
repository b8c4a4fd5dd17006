namespace LlmCourse.Web.Hosting;

public static class SecurityHeadersExtensions
{
    /// <summary>
    /// Headers on every response. The policy allows no inline script or style at all: every behaviour is
    /// a same-origin ES module. Only the embed view may be framed by other sites.
    /// </summary>
    private const string Policy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
        "connect-src 'self'; form-action 'self'; base-uri 'none'; object-src 'none'; ";

    private const string FramedPolicy = Policy + "frame-ancestors *";
    private const string UnframedPolicy = Policy + "frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var embeddable = context.Request.Path.StartsWithSegments("/embed");
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = embeddable ? FramedPolicy : UnframedPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            if (!embeddable)
            {
                headers.XFrameOptions = "DENY";
            }

            return next(context);
        });

    /// <summary>
    /// A response to a signed-in caller (sign-in cookie or API token) shows their own records: the account export,
    /// <c>/api/v1/me/*</c>, the gradebook and statistics CSVs, attempts and reviews, the dashboard. None may be kept
    /// by the browser or a proxy. After authentication, so the caller is known. A response marked <c>immutable</c>
    /// (a course image at its content-hashed URL) is the same for everyone and keeps its own caching.
    /// </summary>
    public static IApplicationBuilder UseNoStoreWhenSignedIn(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (context.User.Identity?.IsAuthenticated == true)
            {
                context.Response.OnStarting(static state =>
                {
                    var headers = ((HttpResponse)state).Headers;
                    var cacheControl = headers.CacheControl.ToString();
                    if (!cacheControl.Contains("no-store", StringComparison.OrdinalIgnoreCase) && !cacheControl.Contains("immutable", StringComparison.OrdinalIgnoreCase))
                    {
                        headers.CacheControl = "no-store";
                    }

                    return Task.CompletedTask;
                }, context.Response);
            }

            return next(context);
        });
}
