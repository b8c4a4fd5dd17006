using LlmCourse.Core.Content;

namespace LlmCourse.Core.Tests.Content;

/// <summary>glossary.md beside course.md: loaded with the course, linked into items, reloaded with them.</summary>
public sealed class CourseLoaderGlossaryTests
{
    private const string NotesPath = "weeks/07-sampling/01-notes.md";
    private const string QuizPath = "weeks/07-sampling/02-quiz.md";

    private static List<ContentFile> Course(string glossary) =>
    [
        new("course.md", "---\ntitle: Course\n---\nWe study temperature.\n"),
        new("glossary.md", glossary),
        new("weeks/07-sampling/week.md", "---\nnumber: 7\ntitle: Sampling\n---\nTemperature week.\n"),
        new(NotesPath, "---\nkind: notes\ntitle: Notes\n---\nSet the temperature, then top-p.\n"),
        new(QuizPath, "---\nkind: quiz\ntitle: Quiz\n---\n## Which is temperature? {#which}\n\n- [x] Temperature\n- [ ] Top-p\n"),
    ];

    [Fact]
    public void Load_WithGlossary_LinksItemsAndKeepsCourseAndWeekTextPlain()
    {
        var snapshot = new CourseLoader().Load(Course(GlossaryFixtures.Text));

        Assert.Empty(snapshot.Errors);
        Assert.Equal(9, snapshot.Glossary.Terms.Count);
        var notes = Assert.IsType<Notes>(snapshot.FindItem(7, "notes"));
        Assert.Contains("href=\"/glossary#temperature\"", notes.Html, StringComparison.Ordinal);
        Assert.Contains("href=\"/glossary#top-p\"", notes.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("glossary", snapshot.Course.OverviewHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("glossary", snapshot.FindWeek(7)!.IntroHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("glossary", Assert.IsType<Quiz>(snapshot.FindItem(7, "quiz")).Questions[0].PromptHtml, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WithoutGlossary_HasEmptyGlossaryAndNoLinks()
    {
        var files = Course(GlossaryFixtures.Text);
        files.RemoveAll(f => f.Path == "glossary.md");

        var snapshot = new CourseLoader().Load(files);

        Assert.Empty(snapshot.Errors);
        Assert.Same(Glossary.Empty, snapshot.Glossary);
        Assert.DoesNotContain("glossary", Assert.IsType<Notes>(snapshot.FindItem(7, "notes")).Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_GlossaryChanged_ReparsesItemsAndChangesRevision()
    {
        var loader = new CourseLoader();
        var first = loader.Load(Course(GlossaryFixtures.Text));
        var parsed = loader.FilesParsed;

        var edited = GlossaryFixtures.Text.Replace("A sampling parameter that scales", "A setting that scales", StringComparison.Ordinal);
        var second = loader.Load(Course(edited), first);

        // The glossary and the two items (notes and quiz) are parsed again; course.md and week.md are not.
        Assert.Equal(parsed + 3, loader.FilesParsed);
        Assert.NotEqual(first.Revision, second.Revision);
        Assert.Contains("A setting that scales", Assert.IsType<Notes>(second.FindItem(7, "notes")).Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SameGlossaryAgain_ParsesNothing()
    {
        var loader = new CourseLoader();
        var first = loader.Load(Course(GlossaryFixtures.Text));
        var parsed = loader.FilesParsed;

        loader.Load(Course(GlossaryFixtures.Text), first);

        Assert.Equal(parsed, loader.FilesParsed);
    }

    [Fact]
    public void Load_GlossaryBecomesInvalid_ReportsLineAndKeepsLastGoodGlossary()
    {
        var loader = new CourseLoader();
        var first = loader.Load(Course(GlossaryFixtures.Text));
        var broken = GlossaryFixtures.Text.Replace("## Top-p {#top-p}", "## Top-p {#temperature}", StringComparison.Ordinal);

        var second = loader.Load(Course(broken), first);

        Fixtures.HasError(second.Errors, "glossary.md", 13, "'temperature' is already used on line 7");
        Assert.Same(first.Glossary, second.Glossary);
        Assert.Contains("href=\"/glossary#top-p\"", Assert.IsType<Notes>(second.FindItem(7, "notes")).Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_InvalidGlossaryWithoutPreviousVersion_LinksNothing()
    {
        var snapshot = new CourseLoader().Load(Course("---\ntitle: G\n---\n## Temperature\n\nNo id.\n"));

        Fixtures.HasError(snapshot.Errors, "glossary.md", 4, "needs an id");
        Assert.Empty(snapshot.Glossary.Terms);
        Assert.DoesNotContain("glossary", Assert.IsType<Notes>(snapshot.FindItem(7, "notes")).Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ItemNamedPrint_IsRefused_BecauseTheWeekPrintPageUsesIt()
    {
        var files = Course(GlossaryFixtures.Text);
        files.Add(new ContentFile("weeks/07-sampling/03-print.md", "---\nkind: notes\ntitle: Print\n---\nText.\n"));

        var snapshot = new CourseLoader().Load(files);

        Fixtures.HasError(snapshot.Errors, "weeks/07-sampling/03-print.md", 1, "'print' is taken by the week's own page");
        Assert.Null(snapshot.FindItem(7, "print"));
    }
}
