using System.IO.Compression;
using System.Net;
using System.Text;
using LlmCourse.Core.Content;
using LlmCourse.Web.Cli;
using LlmCourse.Web.Content;
using LlmCourse.Web.Data;
using LlmCourse.Web.Instructor;
using LlmCourse.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LlmCourse.Web.Tests.Instructor;

public sealed class AuthoringTests : IDisposable
{
    private readonly PublishingApp _app = new();

    public static TheoryData<string, string, int, string> BlockingProblems => new()
    {
        { "broken link to a missing item", "---\nkind: notes\ntitle: Notes\n---\nIntro.\n\nSee [this](/weeks/7/no-such-item).\n", 7, "no-such-item" },
        { "link to a hidden week", "---\nkind: notes\ntitle: Notes\n---\nSee [later](/weeks/10).\n", 5, "cannot see" },
        { "link to a missing slide", "---\nkind: notes\ntitle: Notes\n---\n\nSee [slide](/weeks/7/lecture/slides/999).\n", 6, "slide 999" },
        { "quiz question without a correct answer", "---\nkind: quiz\ntitle: Quiz\n---\n## Which? {#q1}\n\n- [ ] A\n- [ ] B\n", 7, "correct" },
        { "empty deck", "---\nkind: deck\ntitle: Deck\n---\nNo cards here.\n", 1, "card" },
        { "duplicate card ids", "---\nkind: deck\ntitle: Deck\n---\n## One {#same}\n\nA\n\n## Two {#same}\n\nB\n", 9, "already used" },
        { "missing title", "---\nkind: notes\n---\nText.\n", 1, "title" },
    };

    [Theory]
    [MemberData(nameof(BlockingProblems))]
    public async Task Publish_WeekWithProblem_IsRefusedWithFileAndLine(string problem, string itemText, int line, string message)
    {
        await _app.WriteAsync(
            (PublishingApp.Week9, "---\nnumber: 9\ntitle: Extra week\npublished: false\n---\nIntro.\n"),
            ("weeks/10-later/week.md", "---\nnumber: 10\ntitle: Later\npublished: false\n---\nLater.\n"),
            ("weeks/09-extra/01-item.md", itemText));

        var outcome = await _app.WithServiceAsync(s => s.GetRequiredService<PublishingService>().PublishAsync(9, "test"));

        Assert.False(outcome.Done, problem);
        Assert.Contains(outcome.Problems, p => p.File == "weeks/09-extra/01-item.md" && p.Line == line && p.Message.Contains(message, StringComparison.OrdinalIgnoreCase));
        var instructor = await TestAccounts.InstructorAsync(_app.Factory);
        var page = await (await TestAccounts.PostFormAsync(instructor, "/instructor/weeks/9?handler=Publish", [], formUrl: "/instructor/weeks/9")).Content.ReadAsStringAsync();
        Assert.Contains("was not published", page);
        Assert.Contains("weeks/09-extra/01-item.md", page);
        Assert.Equal(HttpStatusCode.NotFound, (await TestAccounts.NewClient(_app.Factory).GetAsync("/weeks/9")).StatusCode);
    }

    [Fact]
    public async Task Publish_LinkToWeekReleasedBeforeIt_IsAccepted()
    {
        await _app.AddDraftWeekAsync("See [the lecture](/weeks/7/lecture/slides/2) and [notes](/weeks/2/class-notes#top).\n");
        var outcome = await _app.WithServiceAsync(s => s.GetRequiredService<PublishingService>().PublishAsync(9, "test"));
        Assert.True(outcome.Done, string.Join("\n", outcome.Problems));
    }

    [Fact]
    public async Task Editor_SaveDiffRestore_KeepsEveryRevision()
    {
        var instructor = await TestAccounts.InstructorAsync(_app.Factory);
        await _app.AddDraftWeekAsync("first version line\nshared line\n");
        var editUrl = "/instructor/edit?path=" + Uri.EscapeDataString(PublishingApp.Notes9);
        var html = await instructor.GetStringAsync(editUrl);
        var baseHash = System.Text.RegularExpressions.Regex.Match(html, "name=\"BaseHash\" value=\"([0-9a-f]+)\"").Groups[1].Value;

        // Preview renders without saving.
        var preview = await TestAccounts.PostFormAsync(instructor, "/instructor/edit?handler=Preview", new()
        {
            ["path"] = PublishingApp.Notes9, ["BaseHash"] = baseHash, ["Text"] = "---\nkind: notes\ntitle: Zebra notes\n---\n**previewed** text\n",
        }, formUrl: editUrl);
        Assert.Contains("<strong>previewed</strong>", await preview.Content.ReadAsStringAsync());
        Assert.DoesNotContain("previewed", _app.Factory.Services.GetRequiredService<CourseStore>().Files[PublishingApp.Notes9]);

        var saved = await TestAccounts.PostFormAsync(instructor, "/instructor/edit?handler=Save", new()
        {
            ["path"] = PublishingApp.Notes9, ["BaseHash"] = baseHash, ["Text"] = "---\nkind: notes\ntitle: Zebra notes\n---\nsecond version line\nshared line\n",
        }, formUrl: editUrl);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("second version line", _app.Factory.Services.GetRequiredService<CourseStore>().Files[PublishingApp.Notes9]);

        var history = await instructor.GetStringAsync("/instructor/history?path=" + Uri.EscapeDataString(PublishingApp.Notes9));
        Assert.Contains("diff-removed", history);
        Assert.Contains("first version line", history);
        Assert.Contains("diff-added", history);

        var first = await _app.WithServiceAsync(s => s.GetRequiredService<AppDbContext>().ContentRevisions.Where(r => r.Path == PublishingApp.Notes9).MinAsync(r => r.Id));
        var restored = await TestAccounts.PostFormAsync(instructor, $"/instructor/history?handler=Restore&id={first}", [], formUrl: "/instructor/audit");
        Assert.Equal(HttpStatusCode.Redirect, restored.StatusCode);
        Assert.Contains("first version line", _app.Factory.Services.GetRequiredService<CourseStore>().Files[PublishingApp.Notes9]);
        Assert.Equal(3, await _app.WithServiceAsync(s => s.GetRequiredService<AppDbContext>().ContentRevisions.CountAsync(r => r.Path == PublishingApp.Notes9)));
        Assert.Contains(">restore<", await instructor.GetStringAsync("/instructor/audit"));
    }

    [Fact]
    public async Task Editor_StaleSave_IsRefused()
    {
        var instructor = await TestAccounts.InstructorAsync(_app.Factory);
        await _app.AddDraftWeekAsync();
        var response = await TestAccounts.PostFormAsync(instructor, "/instructor/edit?handler=Save", new()
        {
            ["path"] = PublishingApp.Notes9, ["BaseHash"] = "0000000000000000", ["Text"] = "---\nkind: notes\ntitle: Lost\n---\nx\n",
        }, formUrl: "/instructor/edit?path=" + Uri.EscapeDataString(PublishingApp.Notes9));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("after you opened it", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ExportThenImport_GivesTheSameCourse()
    {
        await _app.AddDraftWeekAsync();
        var folder = Path.Combine(Path.GetTempPath(), "llmcourse-tests", "export-" + Guid.NewGuid().ToString("N"));
        try
        {
            var output = new StringWriter();
            Assert.Equal(0, await ContentCommands.RunAsync(_app.Factory.Services, ["content", "export", folder], output, output));
            var original = _app.Factory.Services.GetRequiredService<CourseStore>();
            var files = original.Files.ToDictionary();
            var revision = original.Current.Revision;

            using var other = new PublishingApp();
            _ = other.Factory.Services;
            Assert.Equal(0, await ContentCommands.RunAsync(other.Factory.Services, ["content", "import", folder], output, output));
            var imported = other.Factory.Services.GetRequiredService<CourseStore>();
            Assert.Equal(files, imported.Files.ToDictionary());
            Assert.Equal(revision, imported.Current.Revision);
            Assert.Equal(original.Current.Course.Weeks.Select(w => (w.Number, w.Title, w.Items.Count)), imported.Current.Course.Weeks.Select(w => (w.Number, w.Title, w.Items.Count)));

            // Importing the same folder again changes nothing.
            Assert.Equal(0, await other.Factory.Services.CreateScope().ServiceProvider.GetRequiredService<ContentRepository>().ImportAsync(ContentDirectory.ReadFiles(folder), "test", ""));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    public static TheoryData<string, string, byte[]> BadUploads => new()
    {
        { "zip slip", "week.zip", Zip(("09-extra/week.md", Ok9), ("../evil.md", "x")) },
        { "absolute path", "week.zip", Zip(("09-extra/week.md", Ok9), ("/etc/evil.md", "x")) },
        { "backslash", "week.zip", Zip(("09-extra\\week.md", Ok9)) },
        { "nested folder", "week.zip", Zip(("09-extra/week.md", Ok9), ("09-extra/sub/01-a.md", "x")) },
        { "not markdown", "week.zip", Zip(("09-extra/week.md", Ok9), ("09-extra/run.sh", "x")) },
        { "unknown kind", "week.zip", Zip(("09-extra/week.md", Ok9), ("09-extra/01-video.md", "---\nkind: video\ntitle: V\n---\nx\n")) },
        { "parse error", "week.zip", Zip(("09-extra/week.md", Ok9), ("09-extra/01-deck.md", "---\nkind: deck\ntitle: D\n---\nno cards\n")) },
        { "missing week.md", "week.zip", Zip(("09-extra/01-notes.md", "---\nkind: notes\ntitle: N\n---\nx\n")) },
        { "oversize markdown", "01-big.md", Encoding.UTF8.GetBytes("---\nkind: notes\ntitle: Big\n---\n" + new string('a', ContentUpload.MaxMarkdownBytes)) },
        { "binary", "01-bin.md", [0x2d, 0x2d, 0x2d, 0x0a, 0x00, 0x01, 0x02] },
        { "bad utf-8", "01-latin.md", [.. Encoding.UTF8.GetBytes("---\nkind: notes\ntitle: Caf"), 0xe9, 0x0a, .. Encoding.UTF8.GetBytes("---\nx\n")] },
        { "not a zip", "week.zip", Encoding.UTF8.GetBytes("this is not a zip") },
        { "bad file name", "notes.md", Encoding.UTF8.GetBytes("---\nkind: notes\ntitle: N\n---\nx\n") },
        { "not md or zip", "notes.exe", [1, 2, 3] },
    };

    [Theory]
    [MemberData(nameof(BadUploads))]
    public async Task Upload_Bad_IsRefusedAndChangesNothing(string why, string fileName, byte[] bytes)
    {
        var before = await CountsAsync();
        var problems = await _app.WithServiceAsync(s => s.GetRequiredService<ContentRepository>().UploadAsync(fileName, bytes, fileName.EndsWith(".md", StringComparison.Ordinal) ? "07-fine-tuning-large-language-models" : null, "test"));
        Assert.NotEmpty(problems);
        Assert.Equal(before, await CountsAsync());
        Assert.True(problems.Count > 0, why);
    }

    [Fact]
    public async Task Upload_ZipOfWeekFolder_ThroughThePage_AddsTheWeekAsDraft()
    {
        var instructor = await TestAccounts.InstructorAsync(_app.Factory);
        var token = await TestAccounts.AntiforgeryTokenAsync(instructor, "/instructor");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(Zip(("09-extra/week.md", Ok9), ("09-extra/01-notes.md", "---\nkind: notes\ntitle: Uploaded notes\n---\nHello.\n"))), "upload", "09-extra.zip" },
        };
        var response = await instructor.PostAsync("/instructor?handler=Upload", form);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("Uploaded notes", await instructor.GetStringAsync("/instructor/weeks/9"));
        Assert.Equal(HttpStatusCode.NotFound, (await TestAccounts.NewClient(_app.Factory).GetAsync("/weeks/9/notes")).StatusCode);
    }

    [Fact]
    public async Task Upload_BadZip_ThroughThePage_SaysWhy()
    {
        var instructor = await TestAccounts.InstructorAsync(_app.Factory);
        var token = await TestAccounts.AntiforgeryTokenAsync(instructor, "/instructor");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(Zip(("09-extra/week.md", Ok9), ("../../evil.md", "x"))), "upload", "evil.zip" },
        };
        var response = await instructor.PostAsync("/instructor?handler=Upload", form);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("upload-problems", html);
        Assert.Contains("outside the week folder", html);
    }

    [Fact]
    public async Task OtherInstance_SeesChangesWithinSeconds()
    {
        using var second = new SharedDatabaseFactory(_app.Database);
        var secondClient = second.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await secondClient.GetAsync("/weeks/9")).StatusCode);

        await _app.AddDraftWeekAsync();
        await _app.WithServiceAsync(s => s.GetRequiredService<PublishingService>().PublishAsync(9, "test"));

        var seen = false;
        for (var i = 0; i < 30 && !seen; i++)
        {
            seen = (await secondClient.GetAsync("/weeks/9/zebra-notes")).StatusCode == HttpStatusCode.OK;
            if (!seen)
            {
                await Task.Delay(100);
            }
        }

        Assert.True(seen, "the second instance did not serve the new week within 3 seconds");
    }

    [Fact]
    public async Task ContentFolderEdit_IsImportedAsRevisionByContentFolder()
    {
        var client = _app.Factory.CreateClient();
        _ = await client.GetStringAsync("/");
        var file = Path.Combine(_app.ContentDir, "weeks", "02-fine-tuning-with-instruction", "01-class-notes.md");
        await File.WriteAllTextAsync(file, (await File.ReadAllTextAsync(file)).Replace("title: Fine-tuning LLMs with instruction", "title: Watched edit", StringComparison.Ordinal));
        var seen = false;
        for (var i = 0; i < 20 && !seen; i++)
        {
            await Task.Delay(100);
            seen = (await client.GetStringAsync("/weeks/2/class-notes")).Contains("Watched edit", StringComparison.Ordinal);
        }

        Assert.True(seen);
        var revision = await _app.WithServiceAsync(s => s.GetRequiredService<AppDbContext>().ContentRevisions
            .Where(r => r.Path == "weeks/02-fine-tuning-with-instruction/01-class-notes.md").OrderByDescending(r => r.Id).FirstAsync());
        Assert.Equal(ContentRepository.FolderActor, revision.Author);
    }

    private const string Ok9 = "---\nnumber: 9\ntitle: Extra week\npublished: false\n---\nIntro.\n";

    private async Task<(int Files, int Revisions, int Audit, string Revision)> CountsAsync() =>
        await _app.WithServiceAsync(async s =>
        {
            var db = s.GetRequiredService<AppDbContext>();
            return (await db.ContentFiles.CountAsync(), await db.ContentRevisions.CountAsync(), await db.PublishingAudit.CountAsync(), s.GetRequiredService<CourseStore>().Current.Revision);
        });

    private static byte[] Zip(params (string Name, string Text)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in entries)
            {
                using var stream = zip.CreateEntry(name).Open();
                stream.Write(Encoding.UTF8.GetBytes(text));
            }
        }

        return buffer.ToArray();
    }

    private sealed class SharedDatabaseFactory(TestDatabase database) : CourseAppFactory(database)
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Content:PollInterval", "00:00:00.200")];
    }

    public void Dispose() => _app.Dispose();
}
