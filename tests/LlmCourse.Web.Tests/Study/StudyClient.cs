using System.Net;
using System.Text.RegularExpressions;
using LlmCourse.Web.Tests.Infrastructure;

namespace LlmCourse.Web.Tests.Study;

/// <summary>A cookie-keeping client, optionally signed in through the real registration page.</summary>
internal static partial class StudyClient
{
    public static HttpClient Anonymous(CourseAppFactory factory) => factory.CreateClient(new() { AllowAutoRedirect = false });

    public static async Task<(HttpClient Client, string Email)> RegisterAsync(CourseAppFactory factory)
    {
        var client = Anonymous(factory);
        var email = $"learner-{Guid.NewGuid():N}@example.test";
        var token = await TokenAsync(client, "/account/register");
        var response = await client.PostAsync("/account/register", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Input.DisplayName"] = "Study Tester",
            ["Input.Email"] = email,
            ["Input.Password"] = "a long enough password 123",
            ["Input.ConfirmPassword"] = "a long enough password 123",
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return (client, email);
    }

    /// <summary>The antiforgery token of the first form on a page.</summary>
    public static async Task<string> TokenAsync(HttpClient client, string url)
    {
        var html = await client.GetStringAsync(url);
        return FormToken().Match(html).Groups[1].Value;
    }

    /// <summary>The value of the hidden input <paramref name="name"/> (first occurrence).</summary>
    public static string Hidden(string html, string name)
    {
        var match = Regex.Match(html, $"name=\"{Regex.Escape(name)}\" value=\"([^\"]*)\"");
        Assert.True(match.Success, $"no hidden input {name}");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    public static string CsrfMeta(string html) => CsrfToken().Match(html).Groups[1].Value;

    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, string pageForToken, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = await TokenAsync(client, pageForToken);
        return await client.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex FormToken();

    [GeneratedRegex("<meta name=\"csrf-token\" content=\"([^\"]+)\"")]
    private static partial Regex CsrfToken();
}
