namespace LlmCourse.Web.Appearance;

/// <summary>
/// The learner's colour scheme, kept in a cookie so the server renders the chosen scheme into the page (no flash of
/// the wrong one, no script needed). Without the cookie the page follows the system setting.
/// </summary>
public static class Theme
{
    public const string CookieName = "theme";
    public const string Light = "light";
    public const string Dark = "dark";
    public const string System = "system";

    /// <summary>The scheme chosen in this request's cookie: <see cref="Light"/>, <see cref="Dark"/>, or null (follow the system).</summary>
    public static string? Chosen(HttpContext context) =>
        context.Request.Cookies[CookieName] is Light or Dark ? context.Request.Cookies[CookieName] : null;

    /// <summary>GET /theme?set=light|dark|system&amp;returnUrl=/path: a link, so it works without JavaScript and keeps
    /// anonymous pages free of per-visitor form tokens. It only sets a display preference, so a forged link can do no harm.</summary>
    public static WebApplication MapTheme(this WebApplication app)
    {
        app.MapGet("/theme", (string? set, string? returnUrl, HttpContext context) =>
        {
            if (set is not (Light or Dark or System))
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unknown theme",
                    detail: "Choose set=light, set=dark or set=system.");
            }

            if (set == System)
            {
                context.Response.Cookies.Delete(CookieName);
            }
            else
            {
                context.Response.Cookies.Append(CookieName, set, new CookieOptions
                {
                    MaxAge = TimeSpan.FromDays(365),
                    SameSite = SameSiteMode.Lax,
                    HttpOnly = true,
                    Secure = context.Request.IsHttps,
                    IsEssential = true,
                });
            }

            return Results.LocalRedirect(IsLocal(returnUrl) ? returnUrl! : "/");
        })
        .WithName("SetTheme")
        .ExcludeFromDescription();
        return app;
    }

    /// <summary>A path on this site: "/x" but not "//host" or "/\host", which browsers treat as another site.</summary>
    private static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));
}
