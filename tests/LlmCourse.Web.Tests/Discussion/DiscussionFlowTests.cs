using System.Net;
using LlmCourse.Web.Tests.Infrastructure;

namespace LlmCourse.Web.Tests.Discussion;

/// <summary>Learners and instructors using the discussion through its forms, without JavaScript: post, reply, edit, delete, moderate.</summary>
public sealed class DiscussionFlowTests(DiscussionApp app) : IClassFixture<DiscussionApp>
{
    [Fact]
    public async Task StartThread_AsLearner_RedirectsToThePostAnchor_AndRendersMarkdownOnce()
    {
        var learner = await TestAccounts.RegisterAsync(app);
        var (thread, post) = await DiscussionClient.StartAsync(learner, "Why rank 8?", "Is **rank 8** enough?\n\n- a\n- b");
        Assert.True(post > 0);

        var html = await learner.GetStringAsync($"/discussion/{thread}");
        Assert.Contains($"id=\"post-{post}\"", html);
        Assert.Contains("<strong>rank 8</strong>", html);
        Assert.Contains("<li>a</li>", html);
        Assert.Contains("Why rank 8?", html);

        // Stored rendered: the row holds the HTML the page shows.
        await using var db = app.Database.OpenContext();
        var stored = db.Set<LlmCourse.Web.Data.DiscussionPost>().Single(p => p.Id == post);
        Assert.Contains("<strong>rank 8</strong>", stored.BodyHtml);
        Assert.Equal("Is **rank 8** enough?\n\n- a\n- b", stored.BodyMarkdown);
    }

    [Fact]
    public async Task ItemPage_ListsTheThread_ForEveryone_AndSlideThreadsOnTheirSlide()
    {
        var learner = await TestAccounts.RegisterAsync(app);
        var (notesThread, _) = await DiscussionClient.StartAsync(learner, "A notes question nobody else asked");
        var (slideThread, _) = await DiscussionClient.StartAsync(learner, "About the fourth slide only", week: 7, item: "lecture", slide: 4);

        var anonymous = app.CreateClient();
        var notes = await anonymous.GetStringAsync("/weeks/2/class-notes");
        Assert.Contains($"href=\"/discussion/{notesThread}\"", notes);
        var slide4 = await anonymous.GetStringAsync("/weeks/7/lecture/slides/4");
        Assert.Contains($"href=\"/discussion/{slideThread}\"", slide4);
        Assert.DoesNotContain($"href=\"/discussion/{slideThread}\"", await anonymous.GetStringAsync("/weeks/7/lecture/slides/5"));
        var all = await anonymous.GetStringAsync("/weeks/7/lecture/discussion");
        Assert.Contains($"href=\"/discussion/{slideThread}\"", all);
        Assert.Contains("slide 4", all);
    }

    [Fact]
    public async Task Anonymous_ReadsThreadsReadOnly_WithNoFormsAndNoCookie()
    {
        var learner = await TestAccounts.RegisterAsync(app);
        var (thread, post) = await DiscussionClient.StartAsync(learner);
        await DiscussionClient.ReplyAsync(learner, thread);

        var anonymous = TestAccounts.NewClient(app);
        var response = await anonymous.GetAsync($"/discussion/{thread}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains($"id=\"post-{post}\"", html);
        Assert.DoesNotContain("method=\"post\"", html); // the header's search form is a GET and stays
        Assert.DoesNotContain("__RequestVerificationToken", html);
        Assert.Contains("Sign in</a> to reply", html);
        Assert.False(response.Headers.Contains("Set-Cookie"), string.Join(" | ", response.Headers.TryGetValues("Set-Cookie", out var c) ? c : []));

        var listing = await anonymous.GetAsync("/weeks/2/class-notes/discussion");
        Assert.DoesNotContain("method=\"post\"", await listing.Content.ReadAsStringAsync());
        Assert.False(listing.Headers.Contains("Set-Cookie"));

        var posted = await anonymous.PostAsync($"/discussion/{thread}?handler=Reply", new FormUrlEncodedContent(new Dictionary<string, string> { ["Body"] = "x" }));
        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode); // no antiforgery token: refused before anything else
    }

    [Fact]
    public async Task Reply_NotifiesTheThreadAuthor_WithUnreadCount_AndOpeningMarksItRead()
    {
        var author = await TestAccounts.RegisterAsync(app);
        var other = await TestAccounts.RegisterAsync(app);
        var (thread, _) = await DiscussionClient.StartAsync(author, "Who answers first?");
        Assert.Contains("nothing new", await author.GetStringAsync("/account"));

        await DiscussionClient.ReplyAsync(author, thread, "My own reply does not notify me.");
        Assert.Contains("nothing new", await author.GetStringAsync("/account"));

        var reply = await DiscussionClient.ReplyAsync(other, thread, "I do.");
        await DiscussionClient.ReplyAsync(other, thread, "And again.");
        Assert.Contains("2 unread", await author.GetStringAsync("/account"));
        var list = await author.GetStringAsync("/discussion/notifications");
        Assert.Contains("Test Learner replied to “Who answers first?”", list);
        Assert.Contains("2 unread", list);

        // The other learner has nothing: notices are per recipient.
        Assert.Contains("nothing new", await other.GetStringAsync("/account"));

        var id = System.Text.RegularExpressions.Regex.Match(list, @"id=(\d+)&amp;handler=Open|handler=Open&amp;id=(\d+)");
        var noticeId = id.Groups[1].Success ? id.Groups[1].Value : id.Groups[2].Value;
        var opened = await TestAccounts.PostFormAsync(author, $"/discussion/notifications?handler=Open&id={noticeId}", [], formUrl: "/discussion/notifications");
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.StartsWith($"/discussion/{thread}#post-", opened.Headers.Location!.OriginalString);
        Assert.Contains("1 unread", await author.GetStringAsync("/account"));

        // Someone else cannot open (or learn about) the author's notice.
        var stolen = await TestAccounts.PostFormAsync(other, $"/discussion/notifications?handler=Open&id={noticeId}", [], formUrl: "/discussion/notifications");
        Assert.Equal(HttpStatusCode.NotFound, stolen.StatusCode);

        await TestAccounts.PostFormAsync(author, "/discussion/notifications?handler=ReadAll", [], formUrl: "/discussion/notifications");
        Assert.Contains("nothing new", await author.GetStringAsync("/account"));
        Assert.True(reply > 0);
    }

    [Fact]
    public async Task Edit_WithinTheWindow_Saves_AfterFifteenMinutesIsRefused_AndTheTextIsKept()
    {
        var learner = await TestAccounts.RegisterAsync(app);
        var (thread, post) = await DiscussionClient.StartAsync(learner, "Editable", "first version");

        app.Clock.Advance(TimeSpan.FromMinutes(14));
        Assert.Equal(HttpStatusCode.OK, (await learner.GetAsync($"/discussion/posts/{post}/edit")).StatusCode);
        var saved = await DiscussionClient.EditAsync(learner, post, "second *version*");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal($"/discussion/{thread}#post-{post}", saved.Headers.Location!.OriginalString);
        var html = await learner.GetStringAsync($"/discussion/{thread}");
        Assert.Contains("second <em>version</em>", html);
        Assert.Contains("edited", html);

        app.Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        var page = await learner.GetAsync($"/discussion/posts/{post}/edit");
        Assert.Equal(HttpStatusCode.Conflict, page.StatusCode);
        Assert.Contains("minutes for editing this post are over", await page.Content.ReadAsStringAsync());
        var late = await DiscussionClient.EditAsync(learner, post, "third version, too late");
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Contains("that time is over", await late.Content.ReadAsStringAsync());
        Assert.DoesNotContain("third version", await learner.GetStringAsync($"/discussion/{thread}"));
        Assert.DoesNotContain($"/discussion/posts/{post}/edit", await learner.GetStringAsync($"/discussion/{thread}"));
    }

    [Fact]
    public async Task Delete_Own_LeavesAPlaceholder_AndKeepsTheReplies()
    {
        var author = await TestAccounts.RegisterAsync(app);
        var other = await TestAccounts.RegisterAsync(app);
        var (thread, opening) = await DiscussionClient.StartAsync(author, "Soon deleted", "a secret-ish opening text");
        await DiscussionClient.ReplyAsync(other, thread, "a reply that stays");

        var deleted = await DiscussionClient.HandlerAsync(author, thread, "Delete", opening);
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal($"/discussion/{thread}#post-{opening}", deleted.Headers.Location!.OriginalString);

        var html = await app.CreateClient().GetStringAsync($"/discussion/{thread}");
        Assert.Contains("This post was deleted.", html);
        Assert.Contains($"id=\"post-{opening}\"", html);
        Assert.DoesNotContain("secret-ish", html);
        Assert.Contains("a reply that stays", html);

        await using var db = app.Database.OpenContext();
        var row = db.Set<LlmCourse.Web.Data.DiscussionPost>().Single(p => p.Id == opening);
        Assert.NotNull(row.DeletedAt);
        Assert.Equal("", row.BodyMarkdown);

        // Deleting again changes nothing and is not an error.
        Assert.Equal(HttpStatusCode.Redirect, (await DiscussionClient.HandlerAsync(author, thread, "Delete", opening)).StatusCode);
    }

    [Fact]
    public async Task Posting_OverTheLimit_Is429_WithAClearMessage_AndTheTextKept_ThenAllowedAMinuteLater()
    {
        var learner = await TestAccounts.RegisterAsync(app);
        var (thread, _) = await DiscussionClient.StartAsync(learner, "Rate limited thread");
        for (var i = 1; i < DiscussionApp.PostsPerMinute; i++)
        {
            await DiscussionClient.ReplyAsync(learner, thread, $"reply {i}");
        }

        var refused = await DiscussionClient.ReplyResponseAsync(learner, thread, "the one reply too many, kept for the learner");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Contains($"at most {DiscussionApp.PostsPerMinute} posts a minute", page);
        Assert.Contains("the one reply too many, kept for the learner</textarea>", page);

        // Another learner is not affected.
        var other = await TestAccounts.RegisterAsync(app);
        await DiscussionClient.ReplyAsync(other, thread, "mine goes through");

        app.Clock.Advance(TimeSpan.FromSeconds(61));
        await DiscussionClient.ReplyAsync(learner, thread, "a minute later it is fine");
    }

    [Fact]
    public async Task InvalidPost_Is400_ChangesNothing_AndKeepsTheText()
    {
        var learner = await TestAccounts.RegisterAsync(app);
        var response = await DiscussionClient.StartThreadAsync(learner, "x", "a body worth keeping");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("at least 3 characters", html);
        Assert.Contains("a body worth keeping</textarea>", html);

        var tooLong = await DiscussionClient.StartThreadAsync(learner, "A fine title", new string('a', 10_001));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("at most 10,000 characters", await tooLong.Content.ReadAsStringAsync());

        var badSlide = await DiscussionClient.StartThreadAsync(learner, "A fine title", "body", week: 7, item: "lecture", slide: 99);
        Assert.Equal(HttpStatusCode.BadRequest, badSlide.StatusCode);

        await using var db = app.Database.OpenContext();
        Assert.False(db.Set<LlmCourse.Web.Data.DiscussionThread>().Any(t => t.Title == "x" || t.Title == "A fine title"));
    }

    [Fact]
    public async Task Instructor_MarksTheAnswer_PinsTheThread_AndTheUnansweredListFollows()
    {
        var learner = await TestAccounts.RegisterAsync(app);
        var instructor = await TestAccounts.InstructorAsync(app);
        var (question, _) = await DiscussionClient.StartAsync(learner, "Unanswered: what is PEFT?");
        var (comment, _) = await DiscussionClient.StartAsync(learner, "Just a comment, not a question", kind: "comment");

        var open = await instructor.GetStringAsync("/discussion/unanswered");
        Assert.Contains($"href=\"/discussion/{question}\"", open);
        Assert.DoesNotContain($"href=\"/discussion/{comment}\"", open);
        Assert.Contains("week 2: ", open);

        var reply = await DiscussionClient.ReplyAsync(instructor, question, "Parameter-efficient fine-tuning.");
        var instructorView = await instructor.GetStringAsync($"/discussion/{question}");
        Assert.Contains("Instructor</span>", instructorView);
        var marked = await DiscussionClient.HandlerAsync(instructor, question, "Answer", reply);
        Assert.Equal($"/discussion/{question}#post-{reply}", marked.Headers.Location!.OriginalString);
        Assert.DoesNotContain($"href=\"/discussion/{question}\"", await instructor.GetStringAsync("/discussion/unanswered"));
        var learnerView = await learner.GetStringAsync($"/discussion/{question}");
        Assert.Contains("✓ Answer", learnerView);
        Assert.Contains("✓ Answered", learnerView);

        // A comment has no answer to mark.
        var commentReply = await DiscussionClient.ReplyAsync(instructor, comment, "Noted.");
        Assert.Equal(HttpStatusCode.BadRequest, (await DiscussionClient.HandlerAsync(instructor, comment, "Answer", commentReply)).StatusCode);

        // Pinned threads come first on the item's list.
        var (later, _) = await DiscussionClient.StartAsync(learner, "A later thread");
        var list = await learner.GetStringAsync("/weeks/2/class-notes/discussion");
        Assert.True(list.IndexOf($"/discussion/{later}\"", StringComparison.Ordinal) < list.IndexOf($"/discussion/{question}\"", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Redirect, (await DiscussionClient.HandlerAsync(instructor, question, "Pin")).StatusCode);
        list = await learner.GetStringAsync("/weeks/2/class-notes/discussion");
        Assert.True(list.IndexOf($"/discussion/{question}\"", StringComparison.Ordinal) < list.IndexOf($"/discussion/{later}\"", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Redirect, (await DiscussionClient.HandlerAsync(instructor, question, "Unanswer")).StatusCode);
        Assert.Contains($"href=\"/discussion/{question}\"", await instructor.GetStringAsync("/discussion/unanswered"));
    }

    [Fact]
    public async Task HiddenPost_NeverReachesLearners_InstructorsSeeItMarked()
    {
        var author = await TestAccounts.RegisterAsync(app);
        var other = await TestAccounts.RegisterAsync(app);
        var instructor = await TestAccounts.InstructorAsync(app);
        var (thread, _) = await DiscussionClient.StartAsync(author, "Thread with a rude reply");
        var rude = await DiscussionClient.ReplyAsync(other, thread, "RUDE-REPLY-CANARY");
        var (hiddenThread, hiddenOpening) = await DiscussionClient.StartAsync(other, "HIDDEN-THREAD-CANARY title", "HIDDEN-OPENING-CANARY");

        Assert.Equal(HttpStatusCode.Redirect, (await DiscussionClient.HandlerAsync(instructor, thread, "Hide", rude)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await DiscussionClient.HandlerAsync(instructor, hiddenThread, "Hide", hiddenOpening)).StatusCode);

        var instructorView = await instructor.GetStringAsync($"/discussion/{thread}");
        Assert.Contains("RUDE-REPLY-CANARY", instructorView);
        Assert.Contains("Hidden from learners", instructorView);
        Assert.Contains("HIDDEN-OPENING-CANARY", await instructor.GetStringAsync($"/discussion/{hiddenThread}"));

        var anonymous = app.CreateClient();
        foreach (var (who, client) in new[] { ("author", author), ("writer", other), ("anonymous", anonymous) })
        {
            foreach (var url in new[] { $"/discussion/{thread}", "/weeks/2/class-notes", "/weeks/2/class-notes/discussion", $"/api/v1/threads/{thread}", "/api/v1/weeks/2/items/class-notes/threads", "/discussion/notifications", "/account" })
            {
                var response = await client.GetAsync(url);
                var body = await response.Content.ReadAsStringAsync();
                Assert.False(body.Contains("CANARY", StringComparison.Ordinal), $"{who} got a hidden post at {url}");
            }

            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/discussion/{hiddenThread}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/threads/{hiddenThread}")).StatusCode);
        }

        // The author of the hidden reply cannot edit or report their way back to it either.
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/discussion/posts/{rude}/edit")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await DiscussionClient.HandlerAsync(author, thread, "Report", rude)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await DiscussionClient.ReplyResponseAsync(author, hiddenThread, "reply to a hidden thread")).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await DiscussionClient.HandlerAsync(instructor, thread, "Unhide", rude)).StatusCode);
        Assert.Contains("RUDE-REPLY-CANARY", await author.GetStringAsync($"/discussion/{thread}"));
    }

    [Fact]
    public async Task Reports_OnePerPersonPerPost_ListedForInstructors_HideClosesThem()
    {
        var author = await TestAccounts.RegisterAsync(app);
        var reporter = await TestAccounts.RegisterAsync(app);
        var second = await TestAccounts.RegisterAsync(app);
        var instructor = await TestAccounts.InstructorAsync(app);
        var (thread, post) = await DiscussionClient.StartAsync(author, "A reported thread", "REPORTED-TEXT");

        var first = await DiscussionClient.HandlerAsync(reporter, thread, "Report", post, new() { ["reason"] = "off-topic advert" });
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Contains("You reported this post.", await reporter.GetStringAsync($"/discussion/{thread}"));
        var again = await DiscussionClient.HandlerAsync(reporter, thread, "Report", post, new() { ["reason"] = "again" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("already reported", await again.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await DiscussionClient.HandlerAsync(author, thread, "Report", post)).StatusCode);
        await DiscussionClient.HandlerAsync(second, thread, "Report", post);

        await using (var db = app.Database.OpenContext())
        {
            Assert.Equal(2, db.Set<LlmCourse.Web.Data.DiscussionReport>().Count(r => r.PostId == post));
        }

        var reports = await instructor.GetStringAsync("/discussion/reports");
        Assert.Contains("REPORTED-TEXT", reports);
        Assert.Contains("2 reports", reports);
        Assert.Contains("off-topic advert", reports);
        Assert.Equal(HttpStatusCode.Found, (await reporter.GetAsync("/discussion/reports")).StatusCode);

        var hidden = await TestAccounts.PostFormAsync(instructor, $"/discussion/reports?handler=Hide&postId={post}", [], formUrl: "/discussion/reports");
        Assert.Equal(HttpStatusCode.Redirect, hidden.StatusCode);
        Assert.DoesNotContain("REPORTED-TEXT", await instructor.GetStringAsync("/discussion/reports"));
        Assert.Equal(HttpStatusCode.NotFound, (await author.GetAsync($"/discussion/{thread}")).StatusCode);
    }

    [Fact]
    public async Task DraftWeek_HasNoDiscussion_ForAnyoneWhoCannotSeeIt()
    {
        var learner = await TestAccounts.RegisterAsync(app);
        Assert.Equal(HttpStatusCode.NotFound, (await learner.GetAsync("/weeks/9/draft-notes/discussion")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await DiscussionClient.StartThreadAsync(learner, "In a draft", "nope", week: 9, item: "draft-notes")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync("/api/v1/weeks/9/items/draft-notes/threads")).StatusCode);

        // A thread that exists on an item of a week learners cannot see (e.g. unpublished after it was posted).
        long id;
        await using (var db = app.Database.OpenContext())
        {
            var now = DateTime.UtcNow;
            var thread = new LlmCourse.Web.Data.DiscussionThread { WeekNumber = 9, ItemId = "draft-notes", Title = "OKAPI-THREAD", IsQuestion = true, CreatedAt = now, LastActivityAt = now, Revision = 1 };
            db.Add(thread);
            await db.SaveChangesAsync();
            db.Add(new LlmCourse.Web.Data.DiscussionPost { ThreadId = thread.Id, IsOpening = true, BodyMarkdown = "okapi", BodyHtml = "<p>okapi</p>", CreatedAt = now });
            await db.SaveChangesAsync();
            id = thread.Id;
        }

        var instructor = await TestAccounts.InstructorAsync(app);
        foreach (var client in new[] { learner, app.CreateClient(), instructor })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/discussion/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/threads/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await DiscussionClient.ReplyResponseAsync(client == instructor ? instructor : learner, id, "reply")).StatusCode);
        }

        Assert.DoesNotContain("OKAPI-THREAD", await instructor.GetStringAsync("/discussion/unanswered"));
    }
}
