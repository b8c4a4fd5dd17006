using System.Net;
using LlmCourse.Core.Content;
using LlmCourse.Web.Content;
using LlmCourse.Web.Tests.Infrastructure;
using LlmCourse.Web.Tests.Instructor;
using Microsoft.Extensions.DependencyInjection;

namespace LlmCourse.Web.Tests.Weeks;

/// <summary>/weeks/{n}/print: the whole week on one page, quizzes only as their introduction, hidden weeks not at all.</summary>
public sealed class PrintPageTests(CourseAppFactory factory) : IClassFixture<CourseAppFactory>
{
    private Week Week(int number) => factory.Services.GetRequiredService<CourseStore>().Current.FindWeek(number)!;

    [Theory]
    [InlineData(7)]
    [InlineData(2)]
    public async Task PrintableWeek_ShowsQuizIntroductionOnly_NeverQuestionsOrAnswers(int number)
    {
        var html = await GetOkAsync(await TestAccounts.RegisterAsync(factory), $"/weeks/{number}/print");
        var quiz = Week(number).Items.OfType<Quiz>().Single();

        Assert.Contains(quiz.IntroHtml, html, StringComparison.Ordinal);
        Assert.Contains("<dt>Pass mark</dt>", html, StringComparison.Ordinal);
        foreach (var question in quiz.Questions)
        {
            Assert.DoesNotContain(WebUtility.HtmlEncode(question.Title), html, StringComparison.Ordinal);
            Assert.DoesNotContain(question.PromptHtml, html, StringComparison.Ordinal);
            if (question.ExplanationHtml is { } explanation)
            {
                Assert.DoesNotContain(explanation, html, StringComparison.Ordinal);
            }

            foreach (var choice in question.Choices.Where(c => c.FeedbackHtml is not null))
            {
                Assert.DoesNotContain(choice.FeedbackHtml!, html, StringComparison.Ordinal);
            }
        }

        Assert.DoesNotContain("quiz-explanation", html, StringComparison.Ordinal);
        Assert.DoesNotContain("type=\"radio\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrintableWeek_NotesInFull_WithTheirGlossaryTerms()
    {
        var html = await GetOkAsync(TestAccounts.NewClient(factory), "/weeks/2/print");
        var notes = Week(2).Items.OfType<Notes>().Single();

        Assert.Contains(notes.Html, html, StringComparison.Ordinal);
        Assert.Contains("class=\"term-link\" href=\"/glossary#peft\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/weeks/99/print")]
    [InlineData("/weeks/7/print/extra")]
    public async Task PrintableWeek_UnknownWeek_IsNotFound(string url)
    {
        Assert.Equal(HttpStatusCode.NotFound, (await TestAccounts.NewClient(factory).GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task PrintableWeek_ForASignedInLearner_IsNotStored()
    {
        var response = await (await TestAccounts.RegisterAsync(factory)).GetAsync("/weeks/7/print");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
    }

    private static async Task<string> GetOkAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode}");
        return await response.Content.ReadAsStringAsync();
    }
}

/// <summary>A draft week has no printable page until it is published, and none again once unpublished.</summary>
public sealed class PrintVisibilityTests : IDisposable
{
    private readonly PublishingApp _app = new();

    [Fact]
    public async Task DraftWeek_PrintPage_FollowsPublishing()
    {
        await _app.AddDraftWeekAsync();
        var anonymous = TestAccounts.NewClient(_app.Factory);
        var learner = await TestAccounts.RegisterAsync(_app.Factory);
        var instructor = await TestAccounts.InstructorAsync(_app.Factory);
        foreach (var client in new[] { anonymous, learner, instructor })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/weeks/9/print")).StatusCode);
        }

        var published = await TestAccounts.PostFormAsync(instructor, "/instructor/weeks/9?handler=Publish", [], formUrl: "/instructor/weeks/9");
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        var html = await anonymous.GetStringAsync("/weeks/9/print");
        Assert.Contains("zebracorn", html, StringComparison.Ordinal);

        await TestAccounts.PostFormAsync(instructor, "/instructor/weeks/9?handler=Unpublish", [], formUrl: "/instructor/weeks/9");
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/weeks/9/print")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await learner.GetAsync("/weeks/9/print")).StatusCode);
    }

    public void Dispose() => _app.Dispose();
}
