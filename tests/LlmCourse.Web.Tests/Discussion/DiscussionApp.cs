using System.Net;
using System.Text.RegularExpressions;
using LlmCourse.Web.Tests.Infrastructure;

namespace LlmCourse.Web.Tests.Discussion;

/// <summary>
/// The app on a fake clock, with the course plus a draft week 9 (notes and a lecture) that learners cannot see,
/// and a low posting limit (3 a minute) so the rate-limit rule is cheap to reach.
/// </summary>
public sealed class DiscussionApp : ClockedAppFactory
{
    public const int PostsPerMinute = 3;

    public DiscussionApp()
    {
        var week = Path.Combine(ContentDir, "weeks", "09-draft");
        Directory.CreateDirectory(week);
        File.WriteAllText(Path.Combine(week, "week.md"), "---\nnumber: 9\ntitle: Draft week\npublished: false\n---\nNot released.\n");
        File.WriteAllText(Path.Combine(week, "01-draft-notes.md"), "---\nkind: notes\ntitle: Draft notes\n---\nThe okapi appears only here.\n");
    }

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Discussion:PostsPerMinute", PostsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture)),
    ];
}

/// <summary>Drives the discussion through its real forms (antiforgery included) and reads what came back.</summary>
public static partial class DiscussionClient
{
    public static async Task<HttpResponseMessage> StartThreadAsync(
        HttpClient client, string title, string body, int week = 2, string item = "class-notes", int? slide = null, string kind = "question")
    {
        var page = $"/weeks/{week}/{item}/discussion";
        var fields = new Dictionary<string, string> { ["Title"] = title, ["Body"] = body, ["Kind"] = kind };
        if (slide is { } s)
        {
            fields["ForSlide"] = s.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        // The token comes from a page every caller can open (the item or thread may not exist for them).
        return await TestAccounts.PostFormAsync(client, page + "?handler=Start", fields, formUrl: "/account/sign-in");
    }

    /// <summary>Starts a thread and returns its id and the opening post's id (fails the test otherwise).</summary>
    public static async Task<(long Thread, long Post)> StartAsync(HttpClient client, string title = "How does LoRA pick its rank?", string body = "I read the notes but **still** wonder.", int week = 2, string item = "class-notes", int? slide = null, string kind = "question")
    {
        var response = await StartThreadAsync(client, title, body, week, item, slide, kind);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"start: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return Ids(response);
    }

    public static Task<HttpResponseMessage> ReplyResponseAsync(HttpClient client, long thread, string body) =>
        TestAccounts.PostFormAsync(client, $"/discussion/{thread}?handler=Reply", new() { ["Body"] = body }, formUrl: "/account/sign-in");

    public static async Task<long> ReplyAsync(HttpClient client, long thread, string body = "Try rank 8 first.")
    {
        var response = await ReplyResponseAsync(client, thread, body);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"reply: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return Ids(response).Post;
    }

    /// <summary>Posts to one of the thread page's handlers (Delete, Hide, Pin, Answer, Report, …) with its form fields.</summary>
    public static Task<HttpResponseMessage> HandlerAsync(HttpClient client, long thread, string handler, long? postId = null, Dictionary<string, string>? fields = null)
    {
        fields ??= [];
        if (postId is { } id)
        {
            fields["postId"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        // The antiforgery token comes from a page every caller can open (the thread may be hidden from them).
        return TestAccounts.PostFormAsync(client, $"/discussion/{thread}?handler={handler}", fields, formUrl: "/account/sign-in");
    }

    public static Task<HttpResponseMessage> EditAsync(HttpClient client, long post, string body) =>
        TestAccounts.PostFormAsync(client, $"/discussion/posts/{post}/edit", new() { ["Body"] = body }, formUrl: "/account/sign-in");

    /// <summary>(thread, post) from a redirect to <c>/discussion/{thread}#post-{post}</c>.</summary>
    public static (long Thread, long Post) Ids(HttpResponseMessage response)
    {
        var location = response.Headers.Location?.OriginalString ?? "";
        var match = PostLocation().Match(location);
        Assert.True(match.Success, $"not a redirect to a post: '{location}'");
        return (long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture),
            match.Groups[2].Success ? long.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) : 0);
    }

    [GeneratedRegex(@"^/discussion/(\d+)(?:#post-(\d+)|#thread)?$")]
    private static partial Regex PostLocation();
}
