using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LlmCourse.Web.Cli;
using LlmCourse.Web.Data;
using LlmCourse.Web.Study;
using LlmCourse.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LlmCourse.Web.Tests.Study;

public sealed class StudyPagesTests(CourseAppFactory factory) : IClassFixture<CourseAppFactory>
{
    private const string Deck = "/weeks/7/flashcards";

    [Theory]
    [InlineData("flashcards", "Card 1 of 5", false)]
    [InlineData("learn", "Round 1", false)]
    [InlineData("test", "Build a test", false)]
    [InlineData("match", "data-match-board", false)]
    [InlineData("sort", "Round 1", false)]
    [InlineData("analytics", "need an account", false)]
    [InlineData("flashcards", "Card 1 of 5", true)]
    [InlineData("learn", "Round 1", true)]
    [InlineData("test", "Build a test", true)]
    [InlineData("match", "data-match-board", true)]
    [InlineData("sort", "Round 1", true)]
    [InlineData("analytics", "data-mastery-percent=\"0\"", true)]
    public async Task ModePage_RendersForAnonymousAndSignedIn(string mode, string expected, bool signedIn)
    {
        var client = signedIn ? (await StudyClient.RegisterAsync(factory)).Client : StudyClient.Anonymous(factory);
        var response = await client.GetAsync($"{Deck}/study/{mode}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains(expected, html);
        Assert.Equal(!signedIn, html.Contains("nothing is kept", StringComparison.Ordinal) || html.Contains("need an account", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/weeks/7/no-such-deck/study/learn")]
    [InlineData("/weeks/7/lecture/study/flashcards")]
    [InlineData("/weeks/99/flashcards/study/match")]
    public async Task ModePage_ForMissingOrNonDeckItem_IsNotFound(string url)
    {
        var response = await StudyClient.Anonymous(factory).GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task DeckHome_LinksEveryMode()
    {
        var html = await StudyClient.Anonymous(factory).GetStringAsync(Deck);
        foreach (var mode in new[] { "flashcards", "learn", "test", "match", "sort", "analytics" })
        {
            Assert.Contains($"href=\"{Deck}/study/{mode}\"", html);
        }

        Assert.Contains("href=\"/study/review\"", html);
        Assert.Contains($"href=\"{Deck}/export.tsv\"", html);
    }

    [Fact]
    public async Task Flashcards_FlippedLink_ShowsAnswerWithoutScript()
    {
        var client = StudyClient.Anonymous(factory);
        var front = await client.GetStringAsync($"{Deck}/study/flashcards?card=2");
        Assert.Contains("Card 2 of 5", front);
        Assert.Contains("class=\"flashcard-face flashcard-back\" hidden=\"hidden\"", front);
        var back = await client.GetStringAsync($"{Deck}/study/flashcards?card=2&flipped=true");
        Assert.Contains("class=\"flashcard-face flashcard-front\" hidden=\"hidden\"", back);
        Assert.Contains("without building a", back, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Flashcards_StarredOnly_ShowsOnlyTheStarredCard_ForSignedIn()
    {
        var (client, _) = await StudyClient.RegisterAsync(factory);
        var response = await StudyClient.PostFormAsync(client, $"{Deck}/study/flashcards?handler=Star", $"{Deck}/study/flashcards",
            new() { ["cardId"] = "what-is-fine-tuning", ["card"] = "2" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var html = await client.GetStringAsync($"{Deck}/study/flashcards?starredOnly=true");
        Assert.Contains("Card 1 of 1", html);
        Assert.Contains("What is fine-tuning?", html);
    }

    [Fact]
    public async Task Review_Api_UpdatesStateAndLogs_AndReplayIsNotAppliedTwice()
    {
        var (client, email) = await StudyClient.RegisterAsync(factory);
        var csrf = StudyClient.CsrfMeta(await client.GetStringAsync("/study/review"));
        var due = await client.GetFromJsonAsync<JsonElement>("/api/v1/me/study/due");
        Assert.True(due.GetProperty("newCount").GetInt32() >= 5);

        var reviewId = Guid.NewGuid().ToString("N");
        var body = new { week = 7, deckId = "flashcards", cardId = "what-is-fine-tuning", rating = "good" };
        var first = await PutAsync(client, csrf, reviewId, body);
        var second = await PutAsync(client, csrf, reviewId, body);

        Assert.False(first.GetProperty("replayed").GetBoolean());
        Assert.True(second.GetProperty("replayed").GetBoolean());
        Assert.Equal("learning", first.GetProperty("state").GetString());
        Assert.Equal(first.GetProperty("due").GetDateTimeOffset(), second.GetProperty("due").GetDateTimeOffset());
        Assert.Equal("new", first.GetProperty("log").GetProperty("stateBefore").GetString());

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var userId = (await db.Users.SingleAsync(u => u.Email == email)).Id;
        var log = await db.StudyReviews.SingleAsync(r => r.UserId == userId);
        Assert.Equal(3, log.Rating);
        Assert.Equal(0, log.StateBefore);
        Assert.Equal(1, log.StateAfter);
        Assert.Equal(TimeSpan.FromMinutes(10), log.Interval);
        Assert.Null(log.StabilityBefore);
        Assert.True(log.StabilityAfter > 0 && log.DifficultyAfter > 0);
        var card = await db.StudyCards.SingleAsync(c => c.UserId == userId);
        Assert.Equal(1, card.State);
        Assert.Equal(1, card.Step);

        var stats = await client.GetFromJsonAsync<JsonElement>("/api/v1/me/study/weeks/7/decks/flashcards/stats");
        Assert.Equal(1, stats.GetProperty("cardsByStatus").GetProperty("learning").GetInt32());
        var reviewMode = stats.GetProperty("modes").EnumerateArray().Single(m => m.GetProperty("mode").GetString() == "review");
        Assert.Equal(1, reviewMode.GetProperty("answered").GetInt32());
    }

    [Fact]
    public async Task Review_Api_SameIdForAnotherCard_IsConflict()
    {
        var (client, _) = await StudyClient.RegisterAsync(factory);
        var csrf = StudyClient.CsrfMeta(await client.GetStringAsync("/study/review"));
        var reviewId = Guid.NewGuid().ToString("N");
        await PutAsync(client, csrf, reviewId, new { week = 7, deckId = "flashcards", cardId = "what-is-fine-tuning", rating = "3" });
        var response = await Put(client, csrf, reviewId, new { week = 7, deckId = "flashcards", cardId = "types-of-fine-tuning", rating = "3" });
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Theory]
    [InlineData("/api/v1/me/study/due")]
    [InlineData("/api/v1/me/study/weeks/7/decks/flashcards/stats")]
    public async Task StudyApi_Personal_RequiresSignIn(string url)
    {
        var response = await StudyClient.Anonymous(factory).GetAsync(url);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task CardsApi_GivesStudyStateOnlyToSignedIn()
    {
        var anonymous = await StudyClient.Anonymous(factory).GetFromJsonAsync<JsonElement>("/api/v1/weeks/7/decks/flashcards/cards");
        var cards = anonymous.GetProperty("cards").EnumerateArray().ToList();
        Assert.Equal(5, cards.Count);
        Assert.All(cards, c => Assert.Equal(JsonValueKind.Null, c.GetProperty("study").ValueKind));

        var (client, _) = await StudyClient.RegisterAsync(factory);
        var mine = await client.GetFromJsonAsync<JsonElement>("/api/v1/weeks/7/decks/flashcards/cards");
        Assert.All(mine.GetProperty("cards").EnumerateArray(), c => Assert.Equal("new", c.GetProperty("study").GetProperty("status").GetString()));
    }

    [Fact]
    public async Task ReviewPage_FormReplay_ReviewsOnce_AndShowsIntervalLabels()
    {
        var (client, email) = await StudyClient.RegisterAsync(factory);
        var html = await client.GetStringAsync("/study/review");
        foreach (var label in new[] { ">1m<", ">6m<", ">10m<", ">" })
        {
            Assert.Contains(label, html);
        }

        Assert.Contains("aria-keyshortcuts=\"4\"", html);
        var fields = new Dictionary<string, string>
        {
            ["week"] = StudyClient.Hidden(html, "week"),
            ["deckId"] = StudyClient.Hidden(html, "deckId"),
            ["cardId"] = StudyClient.Hidden(html, "cardId"),
            ["reviewId"] = StudyClient.Hidden(html, "reviewId"),
            ["rating"] = "easy",
        };
        for (var i = 0; i < 2; i++)
        {
            var response = await StudyClient.PostFormAsync(client, "/study/review", "/study/review", new(fields));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var userId = (await db.Users.SingleAsync(u => u.Email == email)).Id;
        Assert.Equal(1, await db.StudyReviews.CountAsync(r => r.UserId == userId));
        Assert.Equal(2, (await db.StudyCards.SingleAsync(c => c.UserId == userId)).State);
    }

    [Fact]
    public async Task ReviewPage_Anonymous_KeepsSessionInProtectedField()
    {
        var client = StudyClient.Anonymous(factory);
        var html = await client.GetStringAsync("/study/review");
        var fields = new Dictionary<string, string>
        {
            ["week"] = StudyClient.Hidden(html, "week"),
            ["deckId"] = StudyClient.Hidden(html, "deckId"),
            ["cardId"] = StudyClient.Hidden(html, "cardId"),
            ["reviewId"] = StudyClient.Hidden(html, "reviewId"),
            ["token"] = StudyClient.Hidden(html, "token"),
            ["rating"] = "easy",
        };
        var response = await StudyClient.PostFormAsync(client, "/study/review", "/study/review", fields);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var after = await response.Content.ReadAsStringAsync();
        Assert.Contains("not kept", after);
        Assert.NotEqual(fields["cardId"], StudyClient.Hidden(after, "cardId"));
    }

    [Theory]
    [InlineData("0.5", "20", false)]
    [InlineData("0.98", "20", false)]
    [InlineData("0.9", "-1", false)]
    [InlineData("abc", "20", false)]
    [InlineData("0.85", "10", true)]
    [InlineData("0.70", "0", true)]
    [InlineData("0.97", "1000", true)]
    public async Task Settings_ValidatesRetentionAndDailyLimit(string retention, string daily, bool valid)
    {
        var (client, _) = await StudyClient.RegisterAsync(factory);
        var response = await StudyClient.PostFormAsync(client, "/study/settings", "/study/settings", new()
        {
            ["Input.DesiredRetention"] = retention,
            ["Input.DailyNewCards"] = daily,
        });
        Assert.Equal(valid ? HttpStatusCode.Redirect : HttpStatusCode.OK, response.StatusCode);
        var page = await client.GetStringAsync("/study/settings");
        var saved = valid ? double.Parse(retention, System.Globalization.CultureInfo.InvariantCulture).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) : "0.90";
        Assert.Contains($"value=\"{saved}\"", page);
        Assert.Contains($"value=\"{(valid ? daily : "20")}\"", page);
        if (!valid)
        {
            Assert.Contains("field-error", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task Settings_Anonymous_IsSentToSignIn()
    {
        var response = await StudyClient.Anonymous(factory).GetAsync("/study/settings");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/sign-in", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Export_ReturnsOneTsvLinePerCard()
    {
        var response = await StudyClient.Anonymous(factory).GetAsync($"{Deck}/export.tsv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/tab-separated-values", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).TrimEnd('\n').Split('\n');
        Assert.Equal(5, lines.Length);
        Assert.All(lines, l => Assert.Single(l, '\t'));
        Assert.StartsWith("What is fine-tuning?\t", lines[1]);
    }

    [Fact]
    public async Task Export_UnknownDeck_IsNotFound()
    {
        var response = await StudyClient.Anonymous(factory).GetAsync("/weeks/7/lecture/export.tsv");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Mastery_OfEveryCard_CompletesTheDeck()
    {
        var (client, email) = await StudyClient.RegisterAsync(factory);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var study = scope.ServiceProvider.GetRequiredService<StudyService>();
        var catalog = scope.ServiceProvider.GetRequiredService<LlmCourse.Web.Content.CourseCatalog>();
        var userId = (await db.Users.SingleAsync(u => u.Email == email)).Id;
        var deck = StudyDeck.Find(catalog, 7, "flashcards")!;
        var ids = deck.Deck.Cards.Select(c => c.Id).ToList();

        Assert.False(await study.RecordEvidenceAsync(userId, deck, ids, learned: true));
        Assert.False(await study.RecordEvidenceAsync(userId, deck, ids.Skip(1), learned: false));
        Assert.False(await db.ItemCompletions.AnyAsync(c => c.UserId == userId));
        Assert.True(await study.RecordEvidenceAsync(userId, deck, ids.Take(1), learned: false));

        var completion = await db.ItemCompletions.SingleAsync(c => c.UserId == userId);
        Assert.Equal(("flashcards", "deck"), (completion.ItemId, completion.Source));
        var analytics = await client.GetStringAsync($"{Deck}/study/analytics");
        Assert.Contains("data-mastery-percent=\"100\"", analytics);
        Assert.Contains("data-deck-completed", analytics);
    }

    [Fact]
    public async Task PracticeTest_IsGradedOnTheServer_AndReviewed()
    {
        var (client, _) = await StudyClient.RegisterAsync(factory);
        var html = await client.GetStringAsync($"{Deck}/study/test?count=3&types=Written");
        Assert.Equal(3, html.Split("type=\"text\" name=\"q").Length - 1);
        Assert.DoesNotContain("Further training a pre-trained model on domain data", html);
        var response = await StudyClient.PostFormAsync(client, $"{Deck}/study/test", $"{Deck}/study/test", new()
        {
            ["handle"] = StudyClient.Hidden(html, "handle"),
            ["q1"] = "no idea",
        });
        var result = await response.Content.ReadAsStringAsync();
        Assert.Contains("Your score: 0 of 3", result);
        Assert.Equal(3, result.Split("Right answer:").Length - 1);
    }

    [Fact]
    public async Task Learn_Anonymous_WrongAnswerGivesFeedbackAndKeepsGoing()
    {
        var client = StudyClient.Anonymous(factory);
        var html = await client.GetStringAsync($"{Deck}/study/learn");
        var response = await StudyClient.PostFormAsync(client, $"{Deck}/study/learn?handler=Answer", $"{Deck}/study/learn", new()
        {
            ["handle"] = StudyClient.Hidden(html, "handle"),
            ["answer"] = "definitely not a choice",
        });
        var after = await response.Content.ReadAsStringAsync();
        Assert.Contains("Not quite", after);
        Assert.Contains("Round 1 · 0 of 5 learned", after);
    }

    [Fact]
    public async Task Learn_ForgedHandle_StartsAfresh()
    {
        var client = StudyClient.Anonymous(factory);
        var response = await StudyClient.PostFormAsync(client, $"{Deck}/study/learn?handler=Answer", $"{Deck}/study/learn", new()
        {
            ["handle"] = "forged",
            ["answer"] = "x",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task Dashboard_LinksDueReviewsWithCount()
    {
        var (client, _) = await StudyClient.RegisterAsync(factory);
        var html = await client.GetStringAsync("/dashboard");
        Assert.Contains("href=\"/study/review\" data-due-link data-due=\"0\" data-new=\"5\"", html);
    }

    [Fact]
    public void Import_MalformedTsv_ReportsLineNumbers()
    {
        var result = DeckTsv.Import("good\tone\nno tab here\n\n\tmissing term\nterm only\t\na\tb\tc\nGOOD\tagain\n", "Deck");
        Assert.False(result.Succeeded);
        Assert.Equal([2, 4, 5, 6, 7], result.Errors.Select(e => e.Line));
    }

    [Fact]
    public void Import_GoodTsv_WritesDeckMarkdownWithUniqueIds()
    {
        var result = DeckTsv.Import("What is *top-p*?\tNucleus sampling.\r\nWhat is top p?\t- a list-looking answer\n", "Sampling \"basics\"");
        Assert.True(result.Succeeded);
        Assert.Equal(2, result.Cards);
        Assert.Contains("title: \"Sampling \\\"basics\\\"\"", result.Markdown);
        Assert.Contains("## What is \\*top-p\\*? {#what-is-top-p}", result.Markdown);
        Assert.Contains("{#what-is-top-p-2}", result.Markdown);
        Assert.Contains("\n\\- a list-looking answer\n", result.Markdown);
    }

    [Fact]
    public async Task ImportCommand_MalformedFile_WritesLineNumberedErrorsAndFails()
    {
        var file = Path.Combine(factory.WorkDir, "bad.tsv");
        Directory.CreateDirectory(factory.WorkDir);
        await File.WriteAllTextAsync(file, "a\tb\nbroken line\n");
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await DeckCommands.RunAsync(["decks", "import", file, "--title", "T"], output, error);
        Assert.Equal(1, code);
        Assert.Equal("", output.ToString());
        Assert.Contains($"{file}:2: No tab", error.ToString());
    }

    [Fact]
    public async Task ImportCommand_GoodFile_WritesMarkdownToOutput()
    {
        var file = Path.Combine(factory.WorkDir, "good.tsv");
        Directory.CreateDirectory(factory.WorkDir);
        await File.WriteAllTextAsync(file, "Term one\tDefinition one.\n");
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await DeckCommands.RunAsync(["decks", "import", file, "--title", "Imported"], output, error);
        Assert.Equal(0, code);
        Assert.StartsWith("---\nkind: deck\ntitle: \"Imported\"\n---\n", output.ToString());
        Assert.Contains("## Term one {#term-one}", output.ToString());
    }

    [Fact]
    public async Task ImportPage_IsForInstructorsOnly()
    {
        var anonymous = await StudyClient.Anonymous(factory).GetAsync("/study/import");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        var (learner, _) = await StudyClient.RegisterAsync(factory);
        var response = await learner.GetAsync("/study/import");
        Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect);
        Assert.DoesNotContain("/account/sign-in", response.Headers.Location?.OriginalString ?? "");
    }

    private static async Task<JsonElement> PutAsync(HttpClient client, string csrf, string reviewId, object body)
    {
        var response = await Put(client, csrf, reviewId, body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static Task<HttpResponseMessage> Put(HttpClient client, string csrf, string reviewId, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/me/study/reviews/{reviewId}") { Content = JsonContent.Create(body) };
        request.Headers.Add("X-CSRF-TOKEN", csrf);
        return client.SendAsync(request);
    }
}
