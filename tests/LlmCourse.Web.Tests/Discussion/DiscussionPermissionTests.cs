using System.Net;
using System.Net.Http.Json;
using LlmCourse.Web.Tests.Infrastructure;

namespace LlmCourse.Web.Tests.Discussion;

/// <summary>
/// Who may do what to a post, through the pages and the API: the post's author, another learner, an instructor
/// and an anonymous visitor, each on a fresh post so no row depends on another. Ids are sequential, so every
/// refusal here is also an insecure-direct-object-reference check.
/// </summary>
public sealed class DiscussionPermissionTests(DiscussionApp app) : IClassFixture<DiscussionApp>
{
    public enum Who
    {
        Anonymous,
        Owner,
        Other,
        Instructor,
    }

    private static readonly (string Action, Dictionary<Who, string> Expect)[] PageRules =
    [
        ("Edit", new() { [Who.Anonymous] = "302 /account/sign-in", [Who.Owner] = "302 /discussion/", [Who.Other] = "404", [Who.Instructor] = "404" }),
        ("Delete", new() { [Who.Anonymous] = "302 /account/sign-in", [Who.Owner] = "302 /discussion/", [Who.Other] = "302 /account/access-denied", [Who.Instructor] = "302 /account/access-denied" }),
        ("Hide", new() { [Who.Anonymous] = "302 /account/sign-in", [Who.Owner] = "302 /account/access-denied", [Who.Other] = "302 /account/access-denied", [Who.Instructor] = "302 /discussion/" }),
        ("Unhide", new() { [Who.Anonymous] = "302 /account/sign-in", [Who.Owner] = "302 /account/access-denied", [Who.Other] = "302 /account/access-denied", [Who.Instructor] = "302 /discussion/" }),
        ("Answer", new() { [Who.Anonymous] = "302 /account/sign-in", [Who.Owner] = "302 /account/access-denied", [Who.Other] = "302 /account/access-denied", [Who.Instructor] = "302 /discussion/" }),
        ("Unanswer", new() { [Who.Anonymous] = "302 /account/sign-in", [Who.Owner] = "302 /account/access-denied", [Who.Other] = "302 /account/access-denied", [Who.Instructor] = "302 /discussion/" }),
        ("Pin", new() { [Who.Anonymous] = "302 /account/sign-in", [Who.Owner] = "302 /account/access-denied", [Who.Other] = "302 /account/access-denied", [Who.Instructor] = "302 /discussion/" }),
        ("Unpin", new() { [Who.Anonymous] = "302 /account/sign-in", [Who.Owner] = "302 /account/access-denied", [Who.Other] = "302 /account/access-denied", [Who.Instructor] = "302 /discussion/" }),
        ("Report", new() { [Who.Anonymous] = "302 /account/sign-in", [Who.Owner] = "400", [Who.Other] = "302 /discussion/", [Who.Instructor] = "302 /discussion/" }),
        ("Reply", new() { [Who.Anonymous] = "302 /account/sign-in", [Who.Owner] = "302 /discussion/", [Who.Other] = "302 /discussion/", [Who.Instructor] = "302 /discussion/" }),
    ];

    [Fact]
    public async Task EveryPostAction_AnswersEachCallerAsTheRulesSay()
    {
        var clients = await ClientsAsync();
        var failures = new List<string>();
        foreach (var (action, expect) in PageRules)
        {
            foreach (var who in Enum.GetValues<Who>())
            {
                var (thread, post) = await FreshReplyAsync(clients);
                if (action == "Unhide")
                {
                    await DiscussionClient.HandlerAsync(clients[Who.Instructor], thread, "Hide", post);
                }

                var response = action switch
                {
                    "Edit" => await DiscussionClient.EditAsync(clients[who], post, "edited by " + who),
                    "Reply" => await DiscussionClient.ReplyResponseAsync(clients[who], thread, "a reply by " + who),
                    "Report" => await DiscussionClient.HandlerAsync(clients[who], thread, "Report", post, new() { ["reason"] = "test" }),
                    _ => await DiscussionClient.HandlerAsync(clients[who], thread, action, post),
                };
                var location = response.Headers.Location is { } l ? (l.IsAbsoluteUri ? l.PathAndQuery : l.OriginalString) : "";
                var got = (int)response.StatusCode + (location.Length > 0 ? " " + location : "");
                if (!got.StartsWith(expect[who], StringComparison.Ordinal))
                {
                    failures.Add($"{action} as {who}: expected {expect[who]}, got {got}");
                }

                // Rate limit: the next row's owner posts again; a minute later it may.
                app.Clock.Advance(TimeSpan.FromSeconds(61));
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task RefusedActions_ChangeNothing()
    {
        var clients = await ClientsAsync();
        var (thread, post) = await FreshReplyAsync(clients);
        await DiscussionClient.EditAsync(clients[Who.Other], post, "OTHER-EDIT");
        await DiscussionClient.HandlerAsync(clients[Who.Other], thread, "Delete", post);
        await DiscussionClient.HandlerAsync(clients[Who.Owner], thread, "Hide", post);
        await DiscussionClient.HandlerAsync(clients[Who.Owner], thread, "Pin");
        await DiscussionClient.HandlerAsync(clients[Who.Other], thread, "Answer", post);

        await using var db = app.Database.OpenContext();
        var row = db.Set<LlmCourse.Web.Data.DiscussionPost>().Single(p => p.Id == post);
        var threadRow = db.Set<LlmCourse.Web.Data.DiscussionThread>().Single(t => t.Id == thread);
        Assert.Equal("the owner's reply", row.BodyMarkdown);
        Assert.Null(row.DeletedAt);
        Assert.Null(row.HiddenAt);
        Assert.Null(row.EditedAt);
        Assert.Null(threadRow.PinnedAt);
        Assert.Null(threadRow.AnswerPostId);
    }

    [Fact]
    public async Task InstructorPages_AreForInstructorsOnly_NotificationsForTheSignedIn()
    {
        var clients = await ClientsAsync();
        foreach (var url in new[] { "/discussion/unanswered", "/discussion/reports" })
        {
            Assert.StartsWith("/account/sign-in", (await clients[Who.Anonymous].GetAsync(url)).Headers.Location!.PathAndQuery);
            Assert.StartsWith("/account/access-denied", (await clients[Who.Owner].GetAsync(url)).Headers.Location!.PathAndQuery);
            Assert.Equal(HttpStatusCode.OK, (await clients[Who.Instructor].GetAsync(url)).StatusCode);
        }

        Assert.StartsWith("/account/sign-in", (await clients[Who.Anonymous].GetAsync("/discussion/notifications")).Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, (await clients[Who.Owner].GetAsync("/discussion/notifications")).StatusCode);
        Assert.True((await clients[Who.Owner].GetAsync("/discussion/notifications")).Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task Api_EditAndDelete_OnlyTheAuthor_OthersGetProblems()
    {
        var clients = await ClientsAsync();
        var (_, post) = await FreshReplyAsync(clients);
        var owner = await BearerAsync(clients[Who.Owner]);
        var other = await BearerAsync(clients[Who.Other]);
        var anonymous = app.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PutAsJsonAsync($"/api/v1/posts/{post}", new { body = "x" })).StatusCode);
        var forbidden = await other.PutAsJsonAsync($"/api/v1/posts/{post}", new { body = "x" });
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal("application/problem+json", forbidden.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.DeleteAsync($"/api/v1/posts/{post}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.DeleteAsync("/api/v1/posts/999999999")).StatusCode);

        var edited = await owner.PutAsJsonAsync($"/api/v1/posts/{post}", new { body = "edited *through* the API" });
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Contains("edited <em>through</em> the API", await edited.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NoContent, (await owner.DeleteAsync($"/api/v1/posts/{post}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await owner.PutAsJsonAsync($"/api/v1/posts/{post}", new { body = "after deletion" })).StatusCode);
    }

    private async Task<Dictionary<Who, HttpClient>> ClientsAsync() => new()
    {
        [Who.Anonymous] = TestAccounts.NewClient(app),
        [Who.Owner] = await TestAccounts.RegisterAsync(app),
        [Who.Other] = await TestAccounts.RegisterAsync(app),
        [Who.Instructor] = await TestAccounts.InstructorAsync(app),
    };

    /// <summary>A question started by the instructor, with one reply by the owner: (thread, the owner's reply).</summary>
    private static async Task<(long Thread, long Post)> FreshReplyAsync(Dictionary<Who, HttpClient> clients)
    {
        var (thread, _) = await DiscussionClient.StartAsync(clients[Who.Instructor], "A question for the matrix");
        var post = await DiscussionClient.ReplyAsync(clients[Who.Owner], thread, "the owner's reply");
        return (thread, post);
    }

    internal async Task<HttpClient> BearerAsync(HttpClient signedIn)
    {
        var created = await TestAccounts.PostFormAsync(signedIn, "/account?handler=CreateToken", new() { ["name"] = "discussion" }, formUrl: "/account");
        var token = System.Text.RegularExpressions.Regex.Match(await created.Content.ReadAsStringAsync(), "value=\"(llmc_[^\"]+)\"").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token), "no API token made");
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }
}
