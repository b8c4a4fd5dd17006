using Microsoft.AspNetCore.Mvc;

namespace LlmCourse.Web.Accounts;

public static class SafeReturn
{
    /// <summary>The return URL when it is local to this site, else the fallback (no open redirects).</summary>
    public static string Url(IUrlHelper url, string? returnUrl, string fallback) =>
        !string.IsNullOrEmpty(returnUrl) && url.IsLocalUrl(returnUrl) ? returnUrl : fallback;
}
