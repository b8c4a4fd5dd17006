using System.Net;
using System.Text;
using LlmCourse.Core.Content;
using LlmCourse.Web.Content;
using LlmCourse.Web.Instructor;
using LlmCourse.Web.Study;
using LlmCourse.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LlmCourse.Web.Tests.Instructor;

/// <summary>Instructors import a deck in the browser (TSV or a Quizlet-style paste); it lands as a deck of a draft week, or not at all.</summary>
public sealed class ImportDeckTests : IDisposable
{
    private readonly PublishingApp _app = new();

    [Fact]
    public async Task Import_TsvUpload_DeckLandsInDraftWeek_AndIsStudiedOncePublished()
    {
        await _app.AddDraftWeekAsync();
        var instructor = await TestAccounts.InstructorAsync(_app.Factory);
        Assert.Contains("href=\"/study/import?week=9\"", await instructor.GetStringAsync("/instructor/weeks/9"));
        Assert.Contains("href=\"/study/import\"", await instructor.GetStringAsync("/instructor"));
        var form = await instructor.GetStringAsync("/study/import?week=9");
        Assert.Contains("<option value=\"9\" selected=\"selected\">Week 9: Extra week</option>", form);
        Assert.DoesNotContain("<option value=\"7\"", form);

        var token = await TestAccounts.AntiforgeryTokenAsync(instructor, "/study/import");
        using var upload = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("9"), "WeekNumber" },
            { new StringContent("Zebra words"), "Title" },
            { new StringContent("tab"), "Between" },
            { new StringContent("newline"), "Cards" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes("\uFEFFZebracorn\tA zebra with a horn.\r\nStripe\tA band of colour.\n")), "upload", "zebra.tsv" },
        };
        var response = await instructor.PostAsync("/study/import", upload);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        Assert.Equal("/instructor/weeks/9#items", response.Headers.Location?.OriginalString);
        Assert.Contains("Imported the deck 'Zebra words' (2 cards) into week 9 as weeks/09-extra/02-zebra-words.md",
            WebUtility.HtmlDecode(await instructor.GetStringAsync("/instructor/weeks/9")), StringComparison.Ordinal);

        var deck = Assert.IsType<Deck>(_app.Factory.Services.GetRequiredService<CourseStore>().Current.FindWeek(9)!.FindItem("zebra-words"));
        Assert.Equal(["zebracorn", "stripe"], deck.Cards.Select(c => c.Id));
        Assert.Equal("A zebra with a horn.", deck.Cards[0].AnswerText.Trim());

        // A draft: learners cannot study it until the week is published; then every mode works.
        var learner = TestAccounts.NewClient(_app.Factory);
        Assert.Equal(HttpStatusCode.NotFound, (await learner.GetAsync("/weeks/9/zebra-words/study/flashcards")).StatusCode);
        var published = await _app.WithServiceAsync(s => s.GetRequiredService<PublishingService>().PublishAsync(9, "test"));
        Assert.True(published.Done, string.Join(" ", published.Problems.Select(p => p.ToString())));
        foreach (var mode in StudyModes.All.Select(m => m.Mode))
        {
            Assert.Equal(HttpStatusCode.OK, (await learner.GetAsync($"/weeks/9/zebra-words/study/{mode}")).StatusCode);
        }
    }

    [Fact]
    public async Task Check_QuizletPasteWithCustomSeparators_ShowsMarkdownAndWritesNothing()
    {
        await _app.AddDraftWeekAsync();
        var instructor = await TestAccounts.InstructorAsync(_app.Factory);
        var before = await FilesAsync();

        var response = await TestAccounts.PostFormAsync(instructor, "/study/import?handler=Check", new()
        {
            ["Title"] = "Sampling",
            ["Between"] = "custom",
            ["CustomBetween"] = " - ",
            ["Cards"] = "semicolon",
            ["Tsv"] = "Temperature - scales logits, then softmax;Top-p - the smallest set, by probability, reaching p;",
        }, "/study/import");

        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Deck Markdown (2 cards)", html);
        Assert.Contains("## Temperature {#temperature}", html);
        Assert.Contains("the smallest set, by probability, reaching p", html);
        Assert.Equal(before, await FilesAsync());
    }

    [Fact]
    public async Task Import_CommaPasteWithErrors_CardsNumberedAndNothingWritten()
    {
        await _app.AddDraftWeekAsync();
        var instructor = await TestAccounts.InstructorAsync(_app.Factory);
        var before = await FilesAsync();

        var response = await TestAccounts.PostFormAsync(instructor, "/study/import", new()
        {
            ["WeekNumber"] = "9",
            ["Title"] = "Broken",
            ["Between"] = "comma",
            ["Cards"] = "newline",
            ["Tsv"] = "LoRA,low-rank adapters, trained alone\nno separator here\n",
        });

        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("<li data-line=\"2\">Line 2: No ',': write the term, ',', then the definition.</li>", html);
        Assert.Equal(before, await FilesAsync());
    }

    [Theory]
    [InlineData("7", "tab", "Cards\tx", "draft week")]
    [InlineData("9", "custom", "Cards\tx", "Choose what separates")]
    [InlineData("9", "tab", "", "Choose a file or paste the cards.")]
    public async Task Import_BadRequest_RefusedAndNothingWritten(string week, string between, string text, string problem)
    {
        await _app.AddDraftWeekAsync();
        var instructor = await TestAccounts.InstructorAsync(_app.Factory);
        var before = await FilesAsync();

        var response = await TestAccounts.PostFormAsync(instructor, "/study/import", new()
        {
            ["WeekNumber"] = week,
            ["Title"] = "Sneaky",
            ["Between"] = between,
            ["Cards"] = "newline",
            ["Tsv"] = text,
        });

        Assert.Contains(problem, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(before, await FilesAsync());
    }

    public void Dispose() => _app.Dispose();

    private async Task<int> FilesAsync()
    {
        await using var db = _app.Database.OpenContext();
        return await db.ContentFiles.CountAsync();
    }
}
