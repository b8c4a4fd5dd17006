using LlmCourse.Core.Content;

namespace LlmCourse.Core.Tests.Content;

public sealed class CourseLoaderTests
{
    private const string Lecture = """
        ---
        kind: lecture
        title: Fine-Tuning Large Language Models
        tags: [fine-tuning]
        ---
        ## Slide {#ignored}

        Body.

        ### Transcript

        Words.
        """;

    private const string Deck = """
        ---
        kind: deck
        title: Cards
        tags: [fine-tuning, sampling]
        ---
        ## What is fine-tuning? {#what}

        Further training.
        """;

    private const string Quiz = """
        ---
        kind: quiz
        title: Week quiz
        id: week-quiz
        ---
        ## Q {#q}

        - [x] A
        - [ ] B
        """;

    private const string Notes = """
        ---
        kind: notes
        title: Class notes
        ---
        Notes body.
        """;

    private static List<ContentFile> ValidCourse() =>
    [
        new("course.md", "---\ntitle: Fine-Tuning and Sampling\ntagline: Adapt and steer.\n---\nOverview.\n"),
        new("weeks/07-fine-tuning/week.md", "---\nnumber: 7\ntitle: Fine-tuning\nsummary: One sentence.\n---\nIntro.\n"),
        new("weeks/07-fine-tuning/1-lecture.md", Lecture),
        new("weeks/07-fine-tuning/10-quiz.md", Quiz),
        new("weeks/07-fine-tuning/9-flashcards.md", Deck),
        new("weeks/02-instruction/week.md", "---\nnumber: 2\ntitle: Instruction\npublished: false\nrelease: 2026-12-01T09:00:00Z\n---\n"),
        new("weeks/02-instruction/01-class-notes.md", Notes),
    ];

    private static List<ContentFile> Replace(List<ContentFile> files, string path, string text) =>
        files.Select(f => f.Path == path ? f with { Text = text } : f).ToList();

    [Fact]
    public void Load_ValidCourse_BuildsOrderedWeeksAndItems()
    {
        var snapshot = new CourseLoader().Load(ValidCourse());

        Assert.Empty(snapshot.Errors);
        Assert.Equal("Fine-Tuning and Sampling", snapshot.Course.Title);
        Assert.Equal("Adapt and steer.", snapshot.Course.Tagline);
        Assert.Equal("<p>Overview.</p>", snapshot.Course.OverviewHtml);
        Assert.Equal([2, 7], snapshot.Course.Weeks.Select(w => w.Number));
        var week7 = snapshot.FindWeek(7)!;
        Assert.Equal("weeks/07-fine-tuning/week.md", week7.SourceFile);
        Assert.Equal("One sentence.", week7.Summary);
        Assert.Equal("<p>Intro.</p>", week7.IntroHtml);
        Assert.True(week7.Published);
        Assert.Equal(["lecture", "flashcards", "week-quiz"], week7.Items.Select(i => i.Id));
        var week2 = snapshot.FindWeek(2)!;
        Assert.False(week2.Published);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero), week2.ReleaseAt);
        Assert.Equal("class-notes", Assert.Single(week2.Items).Id);
        Assert.Matches("^[0-9a-f]{16}$", snapshot.Revision);
    }

    [Fact]
    public void Load_SameFilesAgain_ParsesNothingAndKeepsRevision()
    {
        var loader = new CourseLoader();
        var first = loader.Load(ValidCourse());
        var parsed = loader.FilesParsed;

        var second = loader.Load(ValidCourse(), first);

        Assert.Equal(7, parsed);
        Assert.Equal(parsed, loader.FilesParsed);
        Assert.Equal(first.Revision, second.Revision);
    }

    [Fact]
    public void Load_OneFileChanged_ReparsesOnlyThatFile()
    {
        var loader = new CourseLoader();
        var first = loader.Load(ValidCourse());
        var parsed = loader.FilesParsed;

        var changed = Replace(ValidCourse(), "weeks/02-instruction/01-class-notes.md", Notes.Replace("Notes body.", "New body.", StringComparison.Ordinal));
        var second = loader.Load(changed, first);

        Assert.Equal(parsed + 1, loader.FilesParsed);
        Assert.NotEqual(first.Revision, second.Revision);
        var notes = Assert.IsType<Notes>(second.FindItem(2, "class-notes"));
        Assert.Equal("<p>New body.</p>", notes.Html);
        Assert.Same(first.FindItem(7, "lecture"), second.FindItem(7, "lecture"));
    }

    [Fact]
    public void Load_FileBecomesInvalid_KeepsLastGoodVersionAndReportsError()
    {
        var loader = new CourseLoader();
        var first = loader.Load(ValidCourse());
        var broken = Replace(ValidCourse(), "weeks/07-fine-tuning/9-flashcards.md", Deck.Replace("{#what}", "", StringComparison.Ordinal));

        var second = loader.Load(broken, first);

        var error = Assert.Single(second.Errors);
        Assert.Equal("weeks/07-fine-tuning/9-flashcards.md", error.File);
        Assert.Equal(6, error.Line);
        Assert.Same(first.FindItem(7, "flashcards"), second.FindItem(7, "flashcards"));
        Assert.Equal(["lecture", "flashcards", "week-quiz"], second.FindWeek(7)!.Items.Select(i => i.Id));
    }

    [Fact]
    public void Load_InvalidFileWithoutPreviousVersion_OmitsItem()
    {
        var broken = Replace(ValidCourse(), "weeks/07-fine-tuning/9-flashcards.md", "---\nkind: deck\n---\n");

        var snapshot = new CourseLoader().Load(broken);

        Fixtures.HasError(snapshot.Errors, "weeks/07-fine-tuning/9-flashcards.md", 1, "'title'");
        Assert.Equal(["lecture", "week-quiz"], snapshot.FindWeek(7)!.Items.Select(i => i.Id));
    }

    [Fact]
    public void Load_DuplicateItemIdInWeek_ReportsLaterFileAtIdLine()
    {
        var files = ValidCourse();
        files.Add(new ContentFile("weeks/07-fine-tuning/11-again.md", "---\nkind: notes\ntitle: Again\nid: lecture\n---\nText.\n"));

        var snapshot = new CourseLoader().Load(files);

        Fixtures.HasError(snapshot.Errors, "weeks/07-fine-tuning/11-again.md", 4, "'lecture' is already used by weeks/07-fine-tuning/1-lecture.md");
        Assert.Equal(3, snapshot.FindWeek(7)!.Items.Count);
    }

    [Fact]
    public void Load_DuplicateWeekNumber_ReportsNumberLine()
    {
        var files = ValidCourse();
        files.Add(new ContentFile("weeks/08-clash/week.md", "---\ntitle: Clash\nnumber: 7\n---\n"));

        var snapshot = new CourseLoader().Load(files);

        Fixtures.HasError(snapshot.Errors, "weeks/08-clash/week.md", 3, "Week number 7 is already used by weeks/07-fine-tuning/week.md");
        Assert.Equal("Fine-tuning", snapshot.FindWeek(7)!.Title);
    }

    [Fact]
    public void Load_WeekWithoutNumber_ReportsError()
    {
        var files = Replace(ValidCourse(), "weeks/02-instruction/week.md", "---\ntitle: Instruction\n---\n");

        var snapshot = new CourseLoader().Load(files);

        Fixtures.HasError(snapshot.Errors, "weeks/02-instruction/week.md", 1, "'number'");
        Assert.Null(snapshot.FindWeek(2));
    }

    [Fact]
    public void Load_WeekFileBecomesInvalid_KeepsPreviousWeekWithCurrentItems()
    {
        var loader = new CourseLoader();
        var first = loader.Load(ValidCourse());
        var files = Replace(ValidCourse(), "weeks/07-fine-tuning/week.md", "---\nnumber: seven\ntitle: Fine-tuning\n---\n");
        files.RemoveAll(f => f.Path == "weeks/07-fine-tuning/10-quiz.md");

        var second = loader.Load(files, first);

        Fixtures.HasError(second.Errors, "weeks/07-fine-tuning/week.md", 2, "whole number");
        var week = second.FindWeek(7)!;
        Assert.Equal("Fine-tuning", week.Title);
        Assert.Equal(["lecture", "flashcards"], week.Items.Select(i => i.Id));
    }

    [Fact]
    public void Load_FolderWithoutWeekFile_ReportsMissingWeekFile()
    {
        var files = ValidCourse();
        files.Add(new ContentFile("weeks/09-orphans/01-notes.md", Notes));

        var snapshot = new CourseLoader().Load(files);

        Fixtures.HasError(snapshot.Errors, "weeks/09-orphans/week.md", 1, "missing");
        Assert.Equal(2, snapshot.Course.Weeks.Count);
    }

    [Fact]
    public void Load_NoCourseFile_ReportsItAndStillServesWeeks()
    {
        var files = ValidCourse();
        files.RemoveAll(f => f.Path == "course.md");

        var snapshot = new CourseLoader().Load(files);

        Fixtures.HasError(snapshot.Errors, "course.md", 1, "missing");
        Assert.Equal(CourseSnapshot.Empty.Course.Title, snapshot.Course.Title);
        Assert.Equal(2, snapshot.Course.Weeks.Count);
    }

    [Theory]
    [InlineData("notes.md", "outside the course layout")]
    [InlineData("weeks/07-fine-tuning/extra/01-deep.md", "outside the course layout")]
    [InlineData("weeks/07-fine-tuning/notes.md", "starts with its position")]
    public void Load_MisplacedFile_ReportsIt(string path, string fragment)
    {
        var files = ValidCourse();
        files.Add(new ContentFile(path, Notes));

        var snapshot = new CourseLoader().Load(files);

        Fixtures.HasError(snapshot.Errors, path, 1, fragment);
    }

    [Fact]
    public void Load_EmptyFileList_GivesEmptyCourseWithError()
    {
        var snapshot = new CourseLoader().Load([]);

        Assert.Empty(snapshot.Course.Weeks);
        Assert.Single(snapshot.Errors);
    }

    [Fact]
    public void ReadFiles_ContentFolder_LoadsLikeInMemoryFiles()
    {
        var root = Path.Combine(Path.GetTempPath(), "llmcourse-content-" + Guid.NewGuid().ToString("N"));
        try
        {
            foreach (var file in ValidCourse())
            {
                var full = Path.Combine(root, file.Path.Replace('/', Path.DirectorySeparatorChar));
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                File.WriteAllText(full, file.Text);
            }

            Directory.CreateDirectory(Path.Combine(root, ".git"));
            File.WriteAllText(Path.Combine(root, ".git", "ignored.md"), "not content");

            var files = ContentDirectory.ReadFiles(root);
            var snapshot = new CourseLoader().Load(files);

            Assert.Equal(ValidCourse().Select(f => f.Path).Order(StringComparer.Ordinal), files.Select(f => f.Path));
            Assert.Empty(snapshot.Errors);
            Assert.Equal(new CourseLoader().Load(ValidCourse()).Revision, snapshot.Revision);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void ReadFiles_MissingFolder_GivesNoFiles()
    {
        var files = ContentDirectory.ReadFiles(Path.Combine(Path.GetTempPath(), "does-not-exist-" + Guid.NewGuid().ToString("N")));

        Assert.Empty(files);
    }
}
