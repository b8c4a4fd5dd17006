using System.Net;
using System.Text.RegularExpressions;
using LlmCourse.Core.Content;
using LlmCourse.Web.Content;
using LlmCourse.Web.Instructor;
using LlmCourse.Web.Tests.Infrastructure;
using LlmCourse.Web.Tests.Instructor;
using Microsoft.Extensions.DependencyInjection;

namespace LlmCourse.Web.Tests.Glossary;

/// <summary>glossary.md is a course file like the others: imported, exported, edited in the browser, reloaded.</summary>
public sealed partial class GlossaryEditingTests : IDisposable
{
    private const string File = "glossary.md";
    private const string EditUrl = "/instructor/edit?path=glossary.md";

    private readonly PublishingApp _app = new();

    private CourseStore Store => _app.Factory.Services.GetRequiredService<CourseStore>();

    [Fact]
    public async Task Instructor_EditsGlossaryInTheBrowser_PagesFollow_AndAnInvalidSaveIsRefused()
    {
        var instructor = await TestAccounts.InstructorAsync(_app.Factory);
        var anonymous = TestAccounts.NewClient(_app.Factory);
        Assert.Contains($"<a href=\"{EditUrl}\"><code>glossary.md</code></a>", await instructor.GetStringAsync("/instructor"), StringComparison.Ordinal);
        var notesBefore = await anonymous.GetStringAsync("/weeks/2/class-notes");
        var workerBefore = Worker().Match(notesBefore).Groups[1].Value;

        var page = await instructor.GetStringAsync(EditUrl);
        Assert.Contains("Parameter-efficient fine-tuning <code>#peft</code>", page, StringComparison.Ordinal);
        var baseHash = BaseHash().Match(page).Groups[1].Value;
        var original = Store.Files[File];

        // A second term with the id of the first: learners can see the glossary, so it is not saved.
        var broken = original + "\n## Again {#temperature}\n\nDuplicate.\n";
        var refused = await SaveAsync(instructor, broken, baseHash);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var refusedHtml = await refused.Content.ReadAsStringAsync();
        Assert.Contains("Learners can see this file", refusedHtml, StringComparison.Ordinal);
        Assert.Contains("&#x27;temperature&#x27; is already used on line", refusedHtml, StringComparison.Ordinal);
        Assert.Equal(original, Store.Files[File]);

        var edited = original.Replace("Asking a model to do a task with exactly one worked example in the prompt.",
            "Asking a model for a task with a single worked example in the prompt.", StringComparison.Ordinal);
        Assert.NotEqual(original, edited);
        var saved = await SaveAsync(instructor, edited, baseHash);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        Assert.Contains("a single worked example", await anonymous.GetStringAsync("/glossary"), StringComparison.Ordinal);
        var notesAfter = await anonymous.GetStringAsync("/weeks/2/class-notes");
        Assert.Contains("<strong>One-shot inference</strong> Asking a model for a task with a single worked example in the prompt.", notesAfter, StringComparison.Ordinal);

        // A new revision gives the offline-reading worker a new version, so old copies are replaced.
        Assert.NotEqual(workerBefore, Worker().Match(notesAfter).Groups[1].Value);
    }

    [Fact]
    public async Task GlossaryBrokenInTheFolder_IsReportedWithItsLine_AndTheLastGoodOneStays()
    {
        var instructor = await TestAccounts.InstructorAsync(_app.Factory);
        var text = Store.Files[File];
        var broken = text.Replace("## Top-k {#top-k}", "## Top-k {#top-p}", StringComparison.Ordinal);
        Assert.NotEqual(text, broken);
        await _app.WriteAsync((File, broken));

        var line = broken.Split('\n').ToList().FindIndex(l => l.StartsWith("## Top-k", StringComparison.Ordinal)) + 1;
        Assert.Contains(Store.Current.Errors, e => e.File == File && e.Line == line && e.Message.Contains("'top-p' is already used", StringComparison.Ordinal));
        var problems = await instructor.GetStringAsync("/instructor");
        Assert.Contains("<code>glossary.md</code></a></td><td>" + line + "</td>", problems, StringComparison.Ordinal);
        Assert.NotNull(Store.Current.Glossary.Find("top-k"));
        Assert.Contains("id=\"top-k\"", await TestAccounts.NewClient(_app.Factory).GetStringAsync("/glossary"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CourseWithoutGlossary_LinksNothing_AndAnInstructorCanStartOne()
    {
        await _app.WriteAsync((File, null));
        var anonymous = TestAccounts.NewClient(_app.Factory);
        Assert.Contains("The course has no glossary yet.", await anonymous.GetStringAsync("/glossary"), StringComparison.Ordinal);
        Assert.DoesNotContain("term-link", await anonymous.GetStringAsync("/weeks/2/class-notes"), StringComparison.Ordinal);
        Assert.DoesNotContain("/glossary<", await anonymous.GetStringAsync("/sitemap.xml"), StringComparison.Ordinal);

        var instructor = await TestAccounts.InstructorAsync(_app.Factory);
        Assert.Contains("Start a glossary", await instructor.GetStringAsync("/instructor"), StringComparison.Ordinal);
        var created = await TestAccounts.PostFormAsync(instructor, "/instructor?handler=CreateGlossary", [], formUrl: "/instructor");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal(EditUrl, created.Headers.Location?.OriginalString);
        Assert.Equal(["fine-tuning"], Store.Current.Glossary.Terms.Select(t => t.Id));
        Assert.Contains("href=\"/glossary#fine-tuning\"", await anonymous.GetStringAsync("/weeks/2/class-notes"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportAndImport_CarryTheGlossary()
    {
        var folder = Path.Combine(Path.GetTempPath(), "llmcourse-export-" + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.CreateDirectory(folder);
            await System.IO.File.WriteAllTextAsync(Path.Combine(folder, File), "stale");
            await _app.WithServiceAsync(s => s.GetRequiredService<ContentRepository>().ExportAsync(folder));
            Assert.Equal(Store.Files[File], await System.IO.File.ReadAllTextAsync(Path.Combine(folder, File)));

            var files = ContentDirectory.ReadFiles(folder);
            Assert.Contains(files, f => f.Path == File);
            var snapshot = new CourseLoader().Load(files);
            Assert.Empty(snapshot.Errors);
            Assert.Equal(Store.Current.Glossary.Terms.Count, snapshot.Glossary.Terms.Count);

            // Deleted from the course, a stale glossary.md in the folder is removed by the next export.
            await _app.WriteAsync((File, null));
            await _app.WithServiceAsync(s => s.GetRequiredService<ContentRepository>().ExportAsync(folder));
            Assert.False(System.IO.File.Exists(Path.Combine(folder, File)));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static Task<HttpResponseMessage> SaveAsync(HttpClient instructor, string text, string baseHash) =>
        TestAccounts.PostFormAsync(instructor, "/instructor/edit?handler=Save", new()
        {
            ["path"] = File, ["BaseHash"] = baseHash, ["Text"] = text,
        }, formUrl: EditUrl);

    public void Dispose() => _app.Dispose();

    [GeneratedRegex("name=\"BaseHash\" value=\"([0-9a-f]+)\"")]
    private static partial Regex BaseHash();

    [GeneratedRegex("data-offline-worker=\"([^\"]+)\"")]
    private static partial Regex Worker();
}
