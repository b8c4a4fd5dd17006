using System.Net;
using System.Text;
using LlmCourse.Core.Content;
using LlmCourse.Web.Content;
using LlmCourse.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LlmCourse.Web.Tests.Instructor;

/// <summary>Instructors import a Moodle GIFT file in the browser; it lands as a quiz of a draft week, or not at all.</summary>
public sealed class ImportQuizTests : IDisposable
{
    private const string Gift = """
        // From Moodle's own import tests (question/format/gift/tests/giftformat_test.php)
        ::Moodle activities::[html]Match the <b>activity</b> to the description.{
            =[html]An activity supporting asynchronous discussions. -> Forum
            =[plain]A bank of record entries which participants can add to. -> Database
            = -> Chat
        }

        ::Q5:: What is a number from 1 to 5? {#3:2~#Completely wrong}

        ::Q8:: How are you? {}
        """;

    private readonly PublishingApp _app = new();

    [Fact]
    public async Task Import_GiftIntoDraftWeek_QuizLandsHiddenFromLearners()
    {
        await _app.AddDraftWeekAsync();
        var instructor = await TestAccounts.InstructorAsync(_app.Factory);
        var form = await instructor.GetStringAsync("/instructor/import-quiz?week=9");
        Assert.Contains("<option value=\"9\" selected=\"selected\">Week 9: Extra week</option>", form);
        Assert.DoesNotContain("<option value=\"7\"", form);

        var token = await TestAccounts.AntiforgeryTokenAsync(instructor, "/instructor/import-quiz");
        using var upload = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("9"), "WeekNumber" },
            { new StringContent("Moodle import"), "Title" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(Gift)), "upload", "bank.gift" },
        };
        var response = await instructor.PostAsync("/instructor/import-quiz", upload);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        Assert.Equal("/instructor/weeks/9#items", response.Headers.Location?.OriginalString);

        var quiz = Assert.IsType<Quiz>(_app.Factory.Services.GetRequiredService<CourseStore>().Current.FindWeek(9)!.FindItem("moodle-import"));
        Assert.Equal([QuestionType.Matching, QuestionType.Numeric, QuestionType.Essay], quiz.Questions.Select(q => q.Type));
        Assert.Equal(["Chat"], quiz.Questions[0].MatchDistractors);
        Assert.Equal("weeks/09-extra/02-moodle-import.md", quiz.SourceFile);
        Assert.Contains("Imported 'Moodle import' into week 9", WebUtility.HtmlDecode(await instructor.GetStringAsync("/instructor/weeks/9")), StringComparison.Ordinal);

        // The week is a draft: learners cannot reach the quiz until it is published.
        Assert.Equal(HttpStatusCode.NotFound, (await TestAccounts.NewClient(_app.Factory).GetAsync("/weeks/9/moodle-import")).StatusCode);

        // The same id again is refused, and nothing is written.
        var again = await Post(instructor, new() { ["WeekNumber"] = "9", ["Title"] = "Moodle import", ["Gift"] = Gift });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("already has an item 'moodle-import'", WebUtility.HtmlDecode(await again.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_GiftWithErrors_LinesShownAndNothingWritten()
    {
        await _app.AddDraftWeekAsync();
        var instructor = await TestAccounts.InstructorAsync(_app.Factory);
        var before = await FilesAsync();

        var response = await Post(instructor, new() { ["WeekNumber"] = "9", ["Title"] = "Broken", ["Gift"] = "::A::Fine?{T}\n\n::B::Unclosed {=yes ~no\n" });

        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<li data-line=\"3\">Line 3:", html);
        Assert.Contains("not closed", html);
        Assert.Equal(before, await FilesAsync());
    }

    [Fact]
    public async Task Import_IntoPublishedWeek_Refused()
    {
        var instructor = await TestAccounts.InstructorAsync(_app.Factory);
        var before = await FilesAsync();

        var response = await Post(instructor, new() { ["WeekNumber"] = "7", ["Title"] = "Sneaky", ["Gift"] = "::A::Fine?{T}" });

        Assert.Contains("draft week", await response.Content.ReadAsStringAsync());
        Assert.Equal(before, await FilesAsync());
    }

    public void Dispose() => _app.Dispose();

    private static Task<HttpResponseMessage> Post(HttpClient client, Dictionary<string, string> fields) =>
        TestAccounts.PostFormAsync(client, "/instructor/import-quiz", fields);

    private async Task<int> FilesAsync()
    {
        await using var db = _app.Database.OpenContext();
        return await db.ContentFiles.CountAsync();
    }
}
