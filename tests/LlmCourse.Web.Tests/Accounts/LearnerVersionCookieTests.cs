using LlmCourse.Web.Accounts;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;

namespace LlmCourse.Web.Tests.Accounts;

/// <summary>The cookie that carries a learner's last written version: honoured only as made by the site, for that learner.</summary>
public sealed class LearnerVersionCookieTests
{
    private readonly EphemeralDataProtectionProvider _keys = new();

    [Fact]
    public void VersionFor_TheLearnerItWasMadeFor_IsTheVersion()
    {
        var cookie = new LearnerVersionCookie(_keys, secure: false);
        Assert.Equal(42, cookie.VersionFor(Request(cookie.Protect("user-1", 42)), "user-1"));
        Assert.Equal(0, cookie.VersionFor(Request(null), "user-1"));
    }

    [Fact]
    public void VersionFor_AnotherLearnersCookie_IsIgnored()
    {
        var cookie = new LearnerVersionCookie(_keys, secure: false);
        Assert.Equal(0, cookie.VersionFor(Request(cookie.Protect("user-2", 42)), "user-1"));
    }

    [Theory]
    [InlineData("user-1\n999")]
    [InlineData("")]
    [InlineData("not a cookie")]
    public void VersionFor_AForgedCookie_IsIgnored(string text)
    {
        var cookie = new LearnerVersionCookie(_keys, secure: false);
        Assert.Equal(0, cookie.VersionFor(Request(text), "user-1"));
    }

    [Fact]
    public void VersionFor_ATamperedCookie_OrOneFromAnotherKeyRing_IsIgnored()
    {
        var cookie = new LearnerVersionCookie(_keys, secure: false);
        var good = cookie.Protect("user-1", 42);
        var tampered = good[..^4] + (good[^4..] == "AAAA" ? "BBBB" : "AAAA");
        Assert.Equal(0, cookie.VersionFor(Request(tampered), "user-1"));

        var elsewhere = new LearnerVersionCookie(new EphemeralDataProtectionProvider(), secure: false).Protect("user-1", 42);
        Assert.Equal(0, cookie.VersionFor(Request(elsewhere), "user-1"));

        // The good one still reads after the bad ones were remembered.
        Assert.Equal(42, cookie.VersionFor(Request(good), "user-1"));
    }

    private static HttpRequest Request(string? cookie)
    {
        var context = new DefaultHttpContext();
        if (cookie is not null)
        {
            context.Request.Headers.Cookie = $"{LearnerVersionCookie.Name}={Uri.EscapeDataString(cookie)}";
        }

        return context.Request;
    }
}
