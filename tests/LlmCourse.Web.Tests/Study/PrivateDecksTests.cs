using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using LlmCourse.Core.Study;
using LlmCourse.Web.Data;
using LlmCourse.Web.Study;
using LlmCourse.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LlmCourse.Web.Tests.Study;

/// <summary>Issue 16, point 6: learners' private decks, made in the browser or copied from the course, studied in every mode.</summary>
public sealed partial class PrivateDecksTests(CourseAppFactory factory) : IClassFixture<CourseAppFactory>
{
    [Fact]
    public async Task Deck_CreatedFilledAndPasted_IsStudiedInEveryMode()
    {
        var client = await TestAccounts.RegisterAsync(factory);
        var deck = await CreateAsync(client, "  Cell   biology ");
        Assert.Equal(HttpStatusCode.Redirect, (await AddCardAsync(client, deck, "Mitochondria", "Powerhouse of the cell")).StatusCode);
        var pasted = await PostAsync(client, deck, "Paste", new() { ["text"] = "Ribosome\tMakes proteins\r\nNucleus\tHolds the DNA\n", ["between"] = "tab", ["cards"] = "newline" });
        Assert.Equal(HttpStatusCode.Redirect, pasted.StatusCode);
        Assert.Contains("Added 2 cards.", await client.GetStringAsync(Url(deck)));
        var comma = await PostAsync(client, deck, "Paste", new() { ["text"] = "Golgi, Packs, ships and sorts;Lysosome, Digests", ["between"] = "comma", ["cards"] = "semicolon" });
        Assert.Equal(HttpStatusCode.Redirect, comma.StatusCode);

        var cards = await CardsAsync(deck);
        Assert.Equal(["Mitochondria", "Ribosome", "Nucleus", "Golgi", "Lysosome"], cards.Select(c => c.Front));
        Assert.Equal("Packs, ships and sorts", cards[3].Back);
        Assert.Equal("Cell biology", (await DeckRowAsync(deck))!.Title);

        foreach (var (mode, expected) in new[]
        {
            ("flashcards", "Card 1 of 5"), ("learn", "Round 1"), ("test", "Build a test"), ("test?count=5", "Ribosome"),
            ("match", "data-match-board"), ("sort", "Round 1"), ("analytics", "data-mastery-percent=\"0\""),
        })
        {
            var response = await client.GetAsync($"{Url(deck)}/{mode}");
            Assert.True(HttpStatusCode.OK == response.StatusCode, $"{mode}: {(int)response.StatusCode}");
            var html = await response.Content.ReadAsStringAsync();
            Assert.Contains(expected, html, StringComparison.Ordinal);
            Assert.Contains("Cell biology", html, StringComparison.Ordinal);
            Assert.Contains("href=\"/study/decks\"", html, StringComparison.Ordinal);
        }

        var flipped = await client.GetStringAsync($"{Url(deck)}/flashcards?card=1&flipped=true");
        Assert.Contains("Mitochondria", flipped, StringComparison.Ordinal);
        Assert.Contains("Powerhouse of the cell", flipped, StringComparison.Ordinal);

        var list = await client.GetStringAsync("/study/decks");
        Assert.Contains("Cell biology", list, StringComparison.Ordinal);
        foreach (var mode in new[] { "flashcards", "learn", "test", "match", "sort", "analytics" })
        {
            Assert.Contains($"href=\"{Url(deck)}/{mode}\"", list, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Deck_StudyModes_KeepTheLearnersRecords()
    {
        var client = await TestAccounts.RegisterAsync(factory);
        var deck = await CreateAsync(client, "Records");
        await AddCardAsync(client, deck, "One", "First");
        await AddCardAsync(client, deck, "Two", "Second");
        var cards = await CardsAsync(deck);
        var one = PrivateDecks.CardKey(cards[0].Id);

        // A star, a learn session and a sort session, all kept under the private deck's keys.
        var star = await StudyClient.PostFormAsync(client, $"{Url(deck)}/flashcards?handler=Star", $"{Url(deck)}/flashcards", new() { ["cardId"] = one, ["card"] = "1" });
        Assert.Equal(HttpStatusCode.Redirect, star.StatusCode);
        Assert.StartsWith($"{Url(deck)}/flashcards?card=1", star.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var sortPage = await client.GetStringAsync($"{Url(deck)}/sort");
        Assert.Contains($"action=\"{Url(deck)}/sort?handler=Sort\"", sortPage, StringComparison.Ordinal);
        // The course deck's forms keep their own address: the extra route does not capture them.
        var coursePage = await client.GetStringAsync("/weeks/7/flashcards/study/sort");
        Assert.True(coursePage.Contains("action=\"/weeks/7/flashcards/study/sort?handler=Sort\"", StringComparison.Ordinal), string.Join("\n", Regex.Matches(coursePage, "<form[^>]*>").Select(m => m.Value)));
        var sorted = await StudyClient.PostFormAsync(client, $"{Url(deck)}/sort?handler=Sort", $"{Url(deck)}/sort", new() { ["handle"] = StudyClient.Hidden(sortPage, "handle"), ["know"] = "true" });
        Assert.Equal(HttpStatusCode.OK, sorted.StatusCode);
        Assert.Contains("Know: 1", await sorted.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var key = StudyDeck.PrivateKey(deck);
        var row = await db.StudyCards.SingleAsync(c => c.WeekNumber == StudyDeck.PrivateWeek && c.DeckId == key);
        Assert.Equal(one, row.CardId);
        Assert.True(row.Starred);
        Assert.Equal(1, await db.StudySessions.CountAsync(s => s.WeekNumber == StudyDeck.PrivateWeek && s.DeckId == key && s.Mode == "sort"));
        Assert.False(await db.ItemCompletions.AnyAsync(c => c.ItemId == key));
    }

    [Fact]
    public async Task Review_PrivateCard_SavesFsrsStateForThatLearner_AndJoinsTheQueue()
    {
        var client = await TestAccounts.RegisterAsync(factory);
        var deck = await CreateAsync(client, "Spaced");
        await AddCardAsync(client, deck, "Capital of France", "Paris");
        var card = PrivateDecks.CardKey((await CardsAsync(deck)).Single().Id);

        var queue = await client.GetFromJsonAsync<JsonElement>("/api/v1/me/study/due?ahead=true");
        Assert.Contains(queue.GetProperty("cards").EnumerateArray(), c => c.GetProperty("deckId").GetString() == StudyDeck.PrivateKey(deck) && c.GetProperty("cardId").GetString() == card);

        var reviewId = Guid.NewGuid().ToString("N");
        var review = await TestAccounts.PostFormAsync(client, "/study/review", new()
        {
            ["week"] = "-1", ["deckId"] = StudyDeck.PrivateKey(deck), ["cardId"] = card, ["rating"] = "good", ["reviewId"] = reviewId,
        });
        Assert.Equal(HttpStatusCode.Redirect, review.StatusCode);

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var key = StudyDeck.PrivateKey(deck);
            var state = await db.StudyCards.SingleAsync(c => c.WeekNumber == StudyDeck.PrivateWeek && c.DeckId == key && c.CardId == card);
            Assert.Equal((int)CardLearningState.Learning, state.State);
            Assert.True(state.Stability > 0);
            var log = await db.StudyReviews.SingleAsync(r => r.ReviewId == reviewId);
            Assert.Equal((state.UserId, key, card, (int)Rating.Good), (log.UserId, log.DeckId, log.CardId, log.Rating));
        }

        var stats = await client.GetFromJsonAsync<JsonElement>($"/api/v1/me/study/weeks/-1/decks/{StudyDeck.PrivateKey(deck)}/stats");
        Assert.Equal(1, stats.GetProperty("cardsByStatus").GetProperty("learning").GetInt32());

        // Another learner can neither review the card nor read its statistics.
        var other = await TestAccounts.RegisterAsync(factory);
        var foreign = await TestAccounts.PostFormAsync(other, "/study/review", new()
        {
            ["week"] = "-1", ["deckId"] = StudyDeck.PrivateKey(deck), ["cardId"] = card, ["rating"] = "good", ["reviewId"] = Guid.NewGuid().ToString("N"),
        });
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/me/study/weeks/-1/decks/{StudyDeck.PrivateKey(deck)}/stats")).StatusCode);
        var othersQueue = await other.GetFromJsonAsync<JsonElement>("/api/v1/me/study/due?ahead=true");
        Assert.DoesNotContain(othersQueue.GetProperty("cards").EnumerateArray(), c => c.GetProperty("deckId").GetString() == StudyDeck.PrivateKey(deck));
    }

    [Fact]
    public async Task Deck_ForAnotherLearnerOrAnonymous_IsNotFound_AndUnchanged()
    {
        var owner = await TestAccounts.RegisterAsync(factory);
        var deck = await CreateAsync(owner, "Mine only");
        await AddCardAsync(owner, deck, "Secret front", "Secret back");
        var card = (await CardsAsync(deck)).Single().Id;
        var other = await TestAccounts.RegisterAsync(factory);
        var anonymous = TestAccounts.NewClient(factory);

        foreach (var client in new[] { other, anonymous })
        {
            foreach (var path in new[] { "", "/flashcards", "/learn", "/test", "/match", "/sort", "/analytics" })
            {
                var response = await client.GetAsync(Url(deck) + path);
                Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
                Assert.DoesNotContain("Secret", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }

            var token = await TestAccounts.AntiforgeryTokenAsync(client, "/account/sign-in");
            foreach (var (handler, fields) in new (string, Dictionary<string, string>)[]
            {
                ("Rename", new() { ["title"] = "Taken" }),
                ("AddCard", new() { ["front"] = "Planted", ["back"] = "Card" }),
                ("EditCard", new() { ["cardId"] = $"{card}", ["front"] = "Changed", ["back"] = "Card" }),
                ("DeleteCard", new() { ["cardId"] = $"{card}" }),
                ("Paste", new() { ["text"] = "Planted\tCard", ["between"] = "tab", ["cards"] = "newline" }),
                ("Delete", new()),
            })
            {
                fields["__RequestVerificationToken"] = token;
                var response = await client.PostAsync($"{Url(deck)}?handler={handler}", new FormUrlEncodedContent(fields));
                Assert.True(HttpStatusCode.NotFound == response.StatusCode, $"{handler}: {(int)response.StatusCode}");
            }
        }

        Assert.Equal("Mine only", (await DeckRowAsync(deck))!.Title);
        var cards = await CardsAsync(deck);
        Assert.Equal(("Secret front", "Secret back"), (cards.Single().Front, cards.Single().Back));
        Assert.DoesNotContain("Mine only", await other.GetStringAsync("/study/decks"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MyDecks_Anonymous_IsSentToSignIn()
    {
        var response = await TestAccounts.NewClient(factory).GetAsync("/study/decks");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/sign-in", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-the-token")]
    public async Task Post_WithoutAValidAntiforgeryToken_IsRefused_AndChangesNothing(string? token)
    {
        var client = await TestAccounts.RegisterAsync(factory);
        var deck = await CreateAsync(client, "Guarded");
        Dictionary<string, string> Form(Dictionary<string, string> fields)
        {
            if (token is not null)
            {
                fields["__RequestVerificationToken"] = token;
            }

            return fields;
        }

        var requests = new (string Url, Dictionary<string, string> Fields)[]
        {
            ("/study/decks", Form(new() { ["Title"] = "Forged" })),
            ("/study/decks?handler=Copy", Form(new() { ["week"] = "7", ["deckId"] = "flashcards" })),
            ($"{Url(deck)}?handler=AddCard", Form(new() { ["front"] = "Forged", ["back"] = "Card" })),
            ($"{Url(deck)}?handler=Paste", Form(new() { ["text"] = "Forged\tCard", ["between"] = "tab", ["cards"] = "newline" })),
            ($"{Url(deck)}?handler=Rename", Form(new() { ["title"] = "Forged" })),
            ($"{Url(deck)}?handler=Delete", Form(new())),
        };
        foreach (var (url, fields) in requests)
        {
            var response = await client.PostAsync(url, new FormUrlEncodedContent(fields));
            Assert.True(HttpStatusCode.BadRequest == response.StatusCode, $"{url}: {(int)response.StatusCode}");
        }

        Assert.Equal("Guarded", (await DeckRowAsync(deck))!.Title);
        Assert.Empty(await CardsAsync(deck));
        Assert.Equal(1, await DeckCountAsync(deck));
    }

    [Theory]
    [InlineData("AddCard", "", "Back", "The front is empty")]
    [InlineData("AddCard", "Front", " \n ", "The back is empty")]
    [InlineData("AddCard", "Existing", "Again", "already has a card")]
    [InlineData("AddCard", "EXISTING", "Again", "already has a card")]
    [InlineData("AddCard", "long-front", "Back", "at most 300 characters")]
    [InlineData("AddCard", "Front", "long-back", "at most 2000 characters")]
    [InlineData("Paste", "Good\tOne\nNo tab here\nAlso\tFine", "", "Line 2: No tab")]
    [InlineData("Paste", "New\tOne\nExisting\tDuplicate", "", "Line 2: The deck already has a card")]
    [InlineData("Paste", "too-many", "", "at most 500 cards")]
    [InlineData("Paste", "", "", "Paste some cards")]
    [InlineData("Rename", "", "", "Give the deck a title")]
    [InlineData("Rename", "long-title", "", "at most 100 characters")]
    public async Task BadInput_IsRejectedWithAClearError_AndNothingChanges(string handler, string first, string second, string error)
    {
        static string Expand(string text) => text switch
        {
            "long-front" => new string('f', PrivateDeckRules.MaxFrontLength + 1),
            "long-back" => new string('b', PrivateDeckRules.MaxBackLength + 1),
            "long-title" => new string('t', PrivateDeckRules.MaxTitleLength + 1),
            "too-many" => string.Join('\n', Enumerable.Range(1, PrivateDeckRules.MaxCards).Select(i => $"Term {i}\tDefinition {i}")),
            _ => text,
        };

        var client = await TestAccounts.RegisterAsync(factory);
        var deck = await CreateAsync(client, "Strict");
        await AddCardAsync(client, deck, "Existing", "Card");
        var fields = handler switch
        {
            "AddCard" => new Dictionary<string, string> { ["front"] = Expand(first), ["back"] = Expand(second) },
            "Paste" => new() { ["text"] = Expand(first), ["between"] = "tab", ["cards"] = "newline" },
            _ => new() { ["title"] = Expand(first) },
        };

        var response = await PostAsync(client, deck, handler, fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Nothing was changed", html, StringComparison.Ordinal);
        Assert.Contains(error, html, StringComparison.Ordinal);
        Assert.Equal("Strict", (await DeckRowAsync(deck))!.Title);
        var cards = await CardsAsync(deck);
        Assert.Equal(("Existing", "Card"), (cards.Single().Front, cards.Single().Back));
    }

    [Fact]
    public async Task Create_WithoutTitle_IsRejected_AndMakesNoDeck()
    {
        var client = await TestAccounts.RegisterAsync(factory);
        var response = await TestAccounts.PostFormAsync(client, "/study/decks", new() { ["Title"] = "   " });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Give the deck a title.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("You have no decks yet.", await client.GetStringAsync("/study/decks"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditAndDeleteCard_ChangeOnlyThatCard_AndDeletingTheDeckForgetsItsRecords()
    {
        var client = await TestAccounts.RegisterAsync(factory);
        var deck = await CreateAsync(client, "Changing");
        await AddCardAsync(client, deck, "Keep", "This");
        await AddCardAsync(client, deck, "Edit", "Me");
        var cards = await CardsAsync(deck);

        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(client, deck, "EditCard", new() { ["cardId"] = $"{cards[1].Id}", ["front"] = "Edited", ["back"] = "Now" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(client, deck, "DeleteCard", new() { ["cardId"] = $"{cards[0].Id}" })).StatusCode);
        var left = Assert.Single(await CardsAsync(deck));
        Assert.Equal((cards[1].Id, "Edited", "Now"), (left.Id, left.Front, left.Back));

        var star = await StudyClient.PostFormAsync(client, $"{Url(deck)}/flashcards?handler=Star", $"{Url(deck)}/flashcards", new() { ["cardId"] = PrivateDecks.CardKey(left.Id) });
        Assert.Equal(HttpStatusCode.Redirect, star.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(client, deck, "Delete", [])).StatusCode);

        Assert.Null(await DeckRowAsync(deck));
        Assert.Empty(await CardsAsync(deck));
        await using var scope = factory.Services.CreateAsyncScope();
        var key = StudyDeck.PrivateKey(deck);
        Assert.False(await scope.ServiceProvider.GetRequiredService<AppDbContext>().StudyCards.AnyAsync(c => c.WeekNumber == StudyDeck.PrivateWeek && c.DeckId == key));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(Url(deck))).StatusCode);
    }

    [Fact]
    public async Task Copy_CourseDeck_MakesAnIndependentPrivateDeckOfItsCards()
    {
        var client = await TestAccounts.RegisterAsync(factory);
        Assert.Contains("Copy to my decks", await client.GetStringAsync("/weeks/7/flashcards"), StringComparison.Ordinal);
        Assert.DoesNotContain("Copy to my decks", await TestAccounts.NewClient(factory).GetStringAsync("/weeks/7/flashcards"), StringComparison.Ordinal);

        var response = await TestAccounts.PostFormAsync(client, "/study/decks?handler=Copy", new() { ["week"] = "7", ["deckId"] = "flashcards" }, formUrl: "/weeks/7/flashcards");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var deck = long.Parse(DeckIdInUrl().Match(response.Headers.Location!.OriginalString).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

        await using var scope = factory.Services.CreateAsyncScope();
        var course = StudyDeck.Find(scope.ServiceProvider.GetRequiredService<LlmCourse.Web.Content.CourseCatalog>(), 7, "flashcards")!;
        var cards = await CardsAsync(deck);
        Assert.Equal(course.Deck.Cards.Select(c => c.Question), cards.Select(c => c.Front));
        Assert.Equal(course.Deck.Cards.Select(c => PrivateDeckRules.Normalize(c.AnswerText)), cards.Select(c => c.Back));
        var row = (await DeckRowAsync(deck))!;
        Assert.Equal((course.Deck.Title, "7/flashcards"), (row.Title, row.CopiedFrom));
        Assert.Contains($"Card 1 of {course.Deck.Cards.Count}", await client.GetStringAsync($"{Url(deck)}/flashcards"), StringComparison.Ordinal);

        // The copy is text of its own: changing it leaves the course deck as it was.
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(client, deck, "EditCard", new() { ["cardId"] = $"{cards[0].Id}", ["front"] = "My own question", ["back"] = "My own answer" })).StatusCode);
        var coursePage = WebUtility.HtmlDecode(await client.GetStringAsync("/weeks/7/flashcards"));
        Assert.Contains(course.Deck.Cards[0].Question, coursePage, StringComparison.Ordinal);
        Assert.DoesNotContain("My own question", coursePage, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NotFound, (await TestAccounts.PostFormAsync(client, "/study/decks?handler=Copy", new() { ["week"] = "7", ["deckId"] = "no-such-deck" }, formUrl: "/study/decks")).StatusCode);
    }

    [Fact]
    public async Task Account_ExportHoldsPrivateDecks_AndDeletionRemovesThem()
    {
        var client = await TestAccounts.RegisterAsync(factory);
        var deck = await CreateAsync(client, "Exported");
        await AddCardAsync(client, deck, "Exported front", "Exported back");
        await StudyClient.PostFormAsync(client, $"{Url(deck)}/flashcards?handler=Star", $"{Url(deck)}/flashcards",
            new() { ["cardId"] = PrivateDecks.CardKey((await CardsAsync(deck)).Single().Id) });

        var export = JsonDocument.Parse(await client.GetStringAsync("/account/export")).RootElement;
        var exported = Assert.Single(export.GetProperty("privateDecks").EnumerateArray());
        Assert.Equal("Exported", exported.GetProperty("title").GetString());
        Assert.Equal("Exported back", Assert.Single(exported.GetProperty("cards").EnumerateArray()).GetProperty("back").GetString());
        Assert.Contains(export.GetProperty("studyCards").EnumerateArray(), c => c.GetProperty("deck").GetString() == StudyDeck.PrivateKey(deck) && c.GetProperty("starred").GetBoolean());

        Assert.Equal(HttpStatusCode.Redirect, (await TestAccounts.PostFormAsync(client, "/account/delete", new() { ["password"] = TestAccounts.Password })).StatusCode);
        Assert.Null(await DeckRowAsync(deck));
        Assert.Empty(await CardsAsync(deck));
    }

    private static string Url(long deck) => StudyDeck.PrivateUrl(deck);

    private static async Task<long> CreateAsync(HttpClient client, string title)
    {
        var response = await TestAccounts.PostFormAsync(client, "/study/decks", new() { ["Title"] = title });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return long.Parse(DeckIdInUrl().Match(response.Headers.Location!.OriginalString).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static Task<HttpResponseMessage> AddCardAsync(HttpClient client, long deck, string front, string back) =>
        PostAsync(client, deck, "AddCard", new() { ["front"] = front, ["back"] = back });

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, long deck, string handler, Dictionary<string, string> fields) =>
        TestAccounts.PostFormAsync(client, $"{Url(deck)}?handler={handler}", fields, formUrl: Url(deck));

    private async Task<PrivateDeck?> DeckRowAsync(long deck)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().PrivateDecks.AsNoTracking().SingleOrDefaultAsync(d => d.Id == deck);
    }

    private async Task<int> DeckCountAsync(long deck)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var owner = await db.PrivateDecks.Where(d => d.Id == deck).Select(d => d.UserId).SingleAsync();
        return await db.PrivateDecks.CountAsync(d => d.UserId == owner);
    }

    private async Task<List<PrivateCard>> CardsAsync(long deck)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().PrivateCards.AsNoTracking()
            .Where(c => c.DeckId == deck).OrderBy(c => c.Position).ThenBy(c => c.Id).ToListAsync();
    }

    [GeneratedRegex("/study/decks/(\\d+)")]
    private static partial Regex DeckIdInUrl();
}
