using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using LlmCourse.Web.Content;
using LlmCourse.Web.Data;
using LlmCourse.Web.Study;
using LlmCourse.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LlmCourse.Web.Tests.Study;

/// <summary>The two contradictions reported in issue 16, point 4, replayed through the real pages and API.</summary>
public sealed partial class LearningSignalsTests(ClockedAppFactory app) : IClassFixture<ClockedAppFactory>
{
    private const string Deck = "/weeks/7/flashcards";
    private const string CardId = "what-is-fine-tuning";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Learn_PerfectFirstRound_ShowsFamiliarCardsAndAHalfFullBar(bool signedIn)
    {
        var client = signedIn ? (await StudyClient.RegisterAsync(app)).Client : StudyClient.Anonymous(app);
        var deck = FindDeck();
        var html = await client.GetStringAsync($"{Deck}/study/learn");
        Assert.Contains("Round 1 · 0 of 5 learned · 0 familiar", html);
        Assert.Contains("max=\"10\" value=\"0\"", html);

        for (var i = 0; i < deck.Deck.Cards.Count; i++)
        {
            var prompt = WebUtility.HtmlDecode(Prompt().Match(html).Groups[1].Value);
            var card = deck.Deck.Cards.Single(c => c.Question == prompt);
            var response = await StudyClient.PostFormAsync(client, $"{Deck}/study/learn?handler=Answer", $"{Deck}/study/learn", new()
            {
                ["handle"] = StudyClient.Hidden(html, "handle"),
                ["answer"] = card.ShortAnswer,
            });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            html = await response.Content.ReadAsStringAsync();
            Assert.Contains("<strong>Correct.</strong>", html);
        }

        // Round over, nothing wrong: no card is learned yet (that takes two right in a row), but all five are
        // familiar and the bar is half full, and the page says why.
        Assert.Contains("Round 1 done", html);
        Assert.Contains("5 right, 0 wrong", html);
        Assert.Contains("Round 1 · 0 of 5 learned · 5 familiar", html);
        Assert.Contains("max=\"10\" value=\"5\"", html);
        Assert.Contains("data-round-familiar=\"5\"", html);
        Assert.Contains("<details class=\"signal-help\">", html);
        Assert.Contains(HtmlEncoder.Default.Encode(LlmCourse.Core.Study.SignalHelp.Learned.Meaning), html);
    }

    [Fact]
    public async Task Analytics_MinutesAfterAgain_IsNeitherMasteredNorCertain()
    {
        var (client, email) = await StudyClient.RegisterAsync(app);
        var deck = FindDeck();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var service = scope.ServiceProvider.GetRequiredService<StudyService>();
            var userId = (await db.Users.SingleAsync(u => u.Email == email)).Id;
            await service.RecordEvidenceAsync(userId, deck, [CardId], learned: true);
            await service.RecordEvidenceAsync(userId, deck, [CardId], learned: false);
        }

        Assert.Equal("mastered", Row(await client.GetStringAsync($"{Deck}/study/analytics")).Status);

        var csrf = StudyClient.CsrfMeta(await client.GetStringAsync("/study/review"));
        var again = await ReviewAsync(client, csrf, "again");
        Assert.Equal(0.212, again.GetProperty("log").GetProperty("stabilityAfter").GetDouble(), 3);
        app.Clock.Advance(TimeSpan.FromMinutes(5));

        var analytics = await client.GetStringAsync($"{Deck}/study/analytics");
        var row = Row(analytics);
        Assert.Equal("learning", row.Status);
        Assert.NotNull(row.Recall);
        Assert.InRange(row.Recall.Value, 0.99, 0.9999);
        Assert.Contains(">99%</td>", row.Html);
        Assert.DoesNotContain("100%", row.Html);
        Assert.Contains("data-due=\"now\"", row.Html); // the one-minute learning step has passed
        Assert.Contains("data-due-now=\"1\"", analytics);
        Assert.Contains("data-mastery-percent=\"0\"", analytics);
        Assert.Contains(HtmlEncoder.Default.Encode(LlmCourse.Core.Study.SignalHelp.RecallNow.Meaning), analytics);

        var cards = await client.GetFromJsonAsync<JsonElement>($"/api/v1/weeks/7/decks/flashcards/cards");
        var study = cards.GetProperty("cards").EnumerateArray().Single(c => c.GetProperty("id").GetString() == CardId).GetProperty("study");
        Assert.Equal("learning", study.GetProperty("status").GetString());
        Assert.True(study.GetProperty("isDue").GetBoolean());
        Assert.Equal(row.Recall.Value, study.GetProperty("recallNow").GetDouble(), 12);
        var stats = await client.GetFromJsonAsync<JsonElement>("/api/v1/me/study/weeks/7/decks/flashcards/stats");
        Assert.Equal(0, stats.GetProperty("mastered").GetInt32());
        Assert.Equal(1, stats.GetProperty("dueNow").GetInt32());
        Assert.Equal(0, stats.GetProperty("cardsByStatus").GetProperty("mastered").GetInt32());

        // Remembering it at the next review gives the mastery back: Learn and the test still vouch for it.
        await ReviewAsync(client, csrf, "good");
        Assert.Equal("mastered", Row(await client.GetStringAsync($"{Deck}/study/analytics")).Status);
    }

    [Fact]
    public async Task Dashboard_NewCards_AreNotCalledDue()
    {
        var (client, _) = await StudyClient.RegisterAsync(app);
        var html = await client.GetStringAsync("/dashboard");
        Assert.Contains("Spaced repetition: 0 due · 5 new", html);
        Assert.Contains(HtmlEncoder.Default.Encode(LlmCourse.Core.Study.SignalHelp.Due.Meaning), html);
    }

    private StudyDeck FindDeck()
    {
        using var scope = app.Services.CreateScope();
        return StudyDeck.Find(scope.ServiceProvider.GetRequiredService<CourseCatalog>(), 7, "flashcards")!;
    }

    private static async Task<JsonElement> ReviewAsync(HttpClient client, string csrf, string rating)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/me/study/reviews/{Guid.NewGuid():N}")
        {
            Content = JsonContent.Create(new { week = 7, deckId = "flashcards", cardId = CardId, rating }),
        };
        request.Headers.Add("X-CSRF-TOKEN", csrf);
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static (string Status, double? Recall, string Html) Row(string analytics)
    {
        var match = Regex.Match(analytics, $"<tr data-card=\"{CardId}\" data-status=\"([a-z]+)\">(.*?)</tr>", RegexOptions.Singleline);
        Assert.True(match.Success, "the card's analytics row is missing");
        var recall = Regex.Match(match.Groups[2].Value, "data-recall=\"([^\"]+)\"");
        return (match.Groups[1].Value, recall.Success ? double.Parse(recall.Groups[1].Value, CultureInfo.InvariantCulture) : null, match.Groups[2].Value);
    }

    [GeneratedRegex("<h2 id=\"learn-prompt\">(.*?)</h2>")]
    private static partial Regex Prompt();
}
