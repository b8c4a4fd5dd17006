using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using LlmCourse.Core.Content;
using LlmCourse.Core.Quizzes;
using LlmCourse.Web.Content;
using LlmCourse.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace LlmCourse.Web.Tests.Quizzes;

/// <summary>
/// Before an attempt is submitted, nothing that tells the right answer may reach the browser: no accepted
/// answers, numeric values, explanations, choice feedback or correctness flags, in any page or API answer.
/// </summary>
public sealed partial class QuizLeakTests(QuizAppFactory factory) : IClassFixture<QuizAppFactory>
{
    public static TheoryData<int, string> Quizzes => new()
    {
        { 7, "quiz" },
        { 2, "quiz" },
        { 7, "timed" },
        { 7, "twice" },
    };

    [Theory]
    [MemberData(nameof(Quizzes))]
    public async Task EveryPageAndApiAnswer_BeforeSubmission_HoldsNoCorrectnessData(int week, string quizId)
    {
        var quiz = (Quiz)factory.Services.GetRequiredService<CourseStore>().Current.FindWeek(week)!.FindItem(quizId)!;
        var client = await TestAccounts.RegisterAsync(factory);
        var api = $"/api/v1/weeks/{week}/quizzes/{quizId}/attempts";
        var surfaces = new List<(string Where, string Text)>();

        var start = await QuizClient.SendAsync(client, HttpMethod.Post, api);
        Assert.Equal(HttpStatusCode.Created, start.StatusCode);
        var startJson = await start.Content.ReadAsStringAsync();
        surfaces.Add(("POST start", JsonText(startJson)));
        var id = QuizClient.AttemptIdFromLocation(start);
        var page = $"/weeks/{week}/{quizId}/attempts/{id}";

        surfaces.Add(("GET attempt API", JsonText(await client.GetStringAsync($"{api}/{id}"))));
        surfaces.Add(("GET list API", JsonText(await client.GetStringAsync(api))));
        var review = await client.GetAsync($"{api}/{id}/review");
        Assert.Equal(HttpStatusCode.Conflict, review.StatusCode);
        surfaces.Add(("GET review API", JsonText(await review.Content.ReadAsStringAsync())));
        surfaces.Add(("quiz page", Html(await client.GetStringAsync($"/weeks/{week}/{quizId}"))));
        surfaces.Add(("confirm page", Html(await client.GetStringAsync(page + "/submit"))));
        for (var q = 1; q <= quiz.Questions.Count; q++)
        {
            surfaces.Add(($"attempt page {q}", Html(await client.GetStringAsync($"{page}?q={q}"))));
        }

        var reviewPage = await client.GetAsync(page + "/review");
        Assert.Equal(HttpStatusCode.Redirect, reviewPage.StatusCode);

        // Raw JSON must not carry correctness fields under any name either.
        foreach (var field in new[] { "\"correct\":", "\"explanation", "\"feedback", "\"accepted", "\"numeric\":", "\"pairs\":", "\"orderedItems\":", "\"answer\":" })
        {
            Assert.DoesNotContain(field, startJson, StringComparison.OrdinalIgnoreCase);
        }

        var secrets = Secrets(quiz);
        Assert.NotEmpty(secrets);
        foreach (var (where, text) in surfaces)
        {
            foreach (var secret in secrets)
            {
                Assert.False(Contains(text, secret), $"{where} shows '{secret}' before submission");
            }

            Assert.DoesNotContain("quiz-explanation", text);
            Assert.DoesNotContain("Right answer", text);
        }
    }

    [Fact]
    public async Task LeakCheck_FindsSecretsAfterSubmission()
    {
        // The same check must fail once answers are revealed, or it proves nothing.
        var quiz = (Quiz)factory.Services.GetRequiredService<CourseStore>().Current.FindWeek(7)!.FindItem("timed")!;
        var client = await TestAccounts.RegisterAsync(factory);
        var id = await QuizClient.StartAsync(client, "timed");
        await QuizClient.SubmitAsync(client, "timed", id);
        var html = Html(await client.GetStringAsync($"/weeks/7/timed/attempts/{id}/review"));
        Assert.Contains(Secrets(quiz), s => Contains(html, s));
    }

    /// <summary>
    /// Texts that give answers away: explanations, choice feedback, accepted answers and numeric values,
    /// except where the same text is shown anyway (in the prompt, a choice, a hint or the intro).
    /// </summary>
    private static List<string> Secrets(Quiz quiz)
    {
        var shown = new StringBuilder(Plain(quiz.IntroHtml) + " " + quiz.Title);
        foreach (var q in PublicProjection.Project(quiz, 1).Questions)
        {
            // The ids learners see are opaque (PublicQuestionIds), so they are shown text like any other.
            shown.Append(' ').Append(q.Id).Append(' ').Append(q.Title).Append(' ').Append(Plain(q.PromptHtml)).Append(' ').Append(Plain(q.HintHtml ?? ""));
            foreach (var option in q.Choices.Concat(q.MatchLefts).Concat(q.MatchOptions).Concat(q.OrderingItems))
            {
                shown.Append(' ').Append(option.Text);
            }
        }

        var candidates = new List<string>();
        foreach (var q in quiz.Questions)
        {
            candidates.Add(Snippet(Plain(q.ExplanationHtml ?? "")));
            candidates.AddRange(q.Choices.Select(c => Snippet(Plain(c.FeedbackHtml ?? ""))));
            candidates.AddRange(q.AcceptedAnswers);
            if (q.AcceptedPattern is { } pattern)
            {
                candidates.Add(pattern);
            }

            if (q.Numeric is { } numeric)
            {
                candidates.Add(numeric.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        var shownText = shown.ToString();
        return [.. candidates.Where(c => c.Length >= 2 && !Contains(shownText, c)).Distinct()];
    }

    private static string Snippet(string text) => text.Length > 50 ? text[..50] : text;

    /// <summary>
    /// Whole words and numbers only, so "50" does not match inside "150", an asset hash or a time such as
    /// 18:50:07 (a timestamp in the answer would otherwise fail this test during one minute of each hour).
    /// </summary>
    private static bool Contains(string text, string secret) =>
        Regex.IsMatch(text, $@"(?<![\w.:-]){Regex.Escape(secret)}(?![\w:])", RegexOptions.IgnoreCase);

    private static string Plain(string html) => Spaces().Replace(WebUtility.HtmlDecode(Tags().Replace(html, " ")), " ").Trim();

    /// <summary>The page as the visitor sees it, plus attribute values (where data could hide).</summary>
    private static string Html(string html) => Plain(html) + " " + string.Join(" ", Attributes().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)));

    private static string JsonText(string json)
    {
        var parts = new List<string>();
        void Walk(JsonElement e)
        {
            switch (e.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var p in e.EnumerateObject())
                    {
                        parts.Add(p.Name);
                        Walk(p.Value);
                    }

                    break;
                case JsonValueKind.Array:
                    foreach (var item in e.EnumerateArray())
                    {
                        Walk(item);
                    }

                    break;
                case JsonValueKind.String:
                    parts.Add(Plain(e.GetString()!));
                    break;
                default:
                    parts.Add(e.GetRawText());
                    break;
            }
        }

        using var doc = JsonDocument.Parse(json);
        Walk(doc.RootElement);
        return string.Join(" ", parts);
    }

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex("=\"([^\"]*)\"")]
    private static partial Regex Attributes();
}
