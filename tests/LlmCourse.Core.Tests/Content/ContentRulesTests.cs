using LlmCourse.Core.Content;

namespace LlmCourse.Core.Tests.Content;

/// <summary>
/// The content rules the loader applies and the site's editor, uploads and importers share: each is checked here
/// against the loader itself, so a rule and its use cannot drift apart.
/// </summary>
public sealed class ContentRulesTests
{
    private static readonly string Longest = string.Join('-', Enumerable.Repeat("abcd", 20)) + "e";

    public static TheoryData<string, bool> Ids => new()
    {
        { "ok-id", true },
        { "a", true },
        { "lora2-qlora", true },
        { Longest, true },
        { Longest + "t", false },
        { "", false },
        { "notes-", false },
        { "-notes", false },
        { "a--b", false },
        { "Notes", false },
        { "a_b", false },
        { "café", false },
        { "two words", false },
        { "ok-id\n", false },
        { "ok-id\r\n", false },
        { "../x", false },
    };

    [Fact]
    public void Longest_IsExactlyTheLimit() => Assert.Equal(ContentRules.MaxIdLength, Longest.Length);

    [Theory]
    [MemberData(nameof(Ids))]
    public void IsValidId_Case_MatchesWhatTheLoaderLoads(string id, bool valid)
    {
        Assert.Equal(valid, ContentRules.IsValidId(id));

        // The loader takes an item's id from its file name when the front matter gives none.
        var file = new ContentFile($"weeks/07-x/03-{id}.md", "---\nkind: notes\ntitle: Notes\n---\nText.\n");
        Assert.Equal(valid, CourseLoader.ParseItem(file).Value?.Id == id);

        // ...and the same rule holds for an id set in the front matter, and for a card's heading id.
        var set = new ContentFile("weeks/07-x/03-notes.md", $"---\nkind: notes\ntitle: Notes\nid: {ContentRules.YamlString(id)}\n---\nText.\n");
        Assert.Equal(valid, CourseLoader.ParseItem(set).Value?.Id == id);
        if (!id.Contains('\n', StringComparison.Ordinal))
        {
            var deck = new ContentFile("weeks/07-x/04-deck.md", $"---\nkind: deck\ntitle: Deck\n---\n## Front {{#{id}}}\n\nBack.\n");
            Assert.Equal(valid, CourseLoader.ParseItem(deck).Value is Deck d && d.Cards[0].Id == id);
        }
    }

    [Theory]
    [InlineData("03-lora", true)]
    [InlineData("7-x", true)]
    [InlineData("0007-fine-tuning", true)]
    [InlineData("00007-x", false)]
    [InlineData("lora", false)]
    [InlineData("03-", false)]
    [InlineData("03-a--b", false)]
    [InlineData("03-Lora", false)]
    [InlineData("-03-x", false)]
    [InlineData("My Week", false)]
    public void IsWeekFolderName_Case_MatchesTheLoaderAndUploads(string folder, bool valid)
    {
        Assert.Equal(valid, ContentRules.IsWeekFolderName(folder));

        var snapshot = new CourseLoader().Load(
        [
            new("course.md", "---\ntitle: Course\n---\n"),
            new($"weeks/{folder}/week.md", "---\nnumber: 3\ntitle: Week\n---\n"),
            new($"weeks/{folder}/01-notes.md", "---\nkind: notes\ntitle: Notes\n---\nText.\n"),
        ]);
        Assert.Equal(valid, snapshot.FindWeek(3)?.FindItem("notes") is not null);
        Assert.Equal(valid, !snapshot.Errors.Any(e => e.Message.Contains("week folder", StringComparison.Ordinal)));
        Assert.Equal(valid, ContentUpload.ReadMarkdown("01-notes.md", "x"u8.ToArray(), folder).Ok);
    }

    [Theory]
    [InlineData("01-class-notes.md", true, 1L, "class-notes")]
    [InlineData("7-quiz.md", true, 7L, "quiz")]
    [InlineData("123456789-x.md", true, 123456789L, "x")]
    [InlineData("1234567890-x.md", false, 0L, "")]
    [InlineData("week.md", false, 0L, "")]
    [InlineData("notes.md", false, 0L, "")]
    [InlineData("01-notes.txt", false, 0L, "")]
    [InlineData("01-.md", false, 0L, "")]
    public void TryParseItemFileName_Case_ReadsPositionAndId(string name, bool ok, long order, string id)
    {
        Assert.Equal(ok, ContentRules.TryParseItemFileName(name, out var readOrder, out var readId));
        Assert.Equal((order, id), (readOrder, readId));
        if (ok)
        {
            Assert.Equal(name.TrimStart('0'), ContentRules.ItemFileName(order, id).TrimStart('0'));
        }
    }

    [Fact]
    public void ItemPath_RoundTripsThroughTheParser()
    {
        var path = ContentRules.ItemPath("03-lora", 4, "peft-notes");
        Assert.Equal("weeks/03-lora/04-peft-notes.md", path);
        Assert.Equal("03-lora", ContentRules.WeekFolderOf(path));
        Assert.False(ContentRules.IsWeekFile(path));
        Assert.True(ContentRules.IsWeekFile(ContentRules.WeekFilePath("03-lora")));
        Assert.Null(ContentRules.WeekFolderOf("course.md"));
    }

    public static TheoryData<string, string> Titles => new()
    {
        { "Plain title", "Plain title" },
        { "He said \"hi\"", "He said \"hi\"" },
        { @"C:\path\to\file", @"C:\path\to\file" },
        { "colon: value", "colon: value" },
        { "# not a comment", "# not a comment" },
        { "- a dash", "- a dash" },
        { "[brackets] and {braces}", "[brackets] and {braces}" },
        { "'single' quotes", "'single' quotes" },
        { "null", "null" },
        { "true", "true" },
        { "123", "123" },
        { "  padded  ", "padded" },
        { "two\nlines", "two lines" },
        { "windows\r\nlines", "windows lines" },
        { "tab\there", "tab\there" },
        { "bell\u0007 and nul-free control", "bell\u0007 and nul-free control" },
        { "next line\u0085here", "next line here" },
        { "émoji 🎉 ünïcode", "émoji 🎉 ünïcode" },
        { "\\\"", "\\\"" },
        { "ends with backslash \\", "ends with backslash \\" },
    };

    [Theory]
    [MemberData(nameof(Titles))]
    public void YamlString_AnyTitle_ReadsBackAsItself(string title, string expected)
    {
        var quoted = ContentRules.YamlString(title);
        Assert.DoesNotContain('\n', quoted);

        var parsed = CourseLoader.ParseCourse(new ContentFile("course.md", $"---\ntitle: {quoted}\n---\n"));
        Assert.True(parsed.Errors.Count == 0, string.Join('\n', parsed.Errors));
        Assert.Equal(expected, parsed.Value!.Title);
    }

    [Fact]
    public void QuestionTypeNames_EveryType_HasOneNameTheParserReads()
    {
        var types = Enum.GetValues<QuestionType>();
        Assert.Equal(types.Length, ContentRules.QuestionTypeNames.Distinct().Count());
        foreach (var type in types)
        {
            var name = ContentRules.QuestionTypeName(type);
            Assert.True(ContentRules.TryParseQuestionType(name, out var back));
            Assert.Equal(type, back);
        }

        Assert.False(ContentRules.TryParseQuestionType("Single", out _));
        Assert.False(ContentRules.TryParseQuestionType("essays", out _));

        // The quiz parser reads the names in headings: a short-answer question named by its type.
        var quiz = CourseLoader.ParseItem(new ContentFile(
            "weeks/07-x/02-quiz.md",
            $"---\nkind: quiz\ntitle: Quiz\n---\n## Name it {{#q type={ContentRules.QuestionTypeName(QuestionType.ShortText)}}}\n\n- LoRA\n"));
        Assert.Equal(QuestionType.ShortText, Assert.IsType<Quiz>(quiz.Value).Questions[0].Type);
    }

    [Fact]
    public void Hash_IsShortSha256_AndCombineIgnoresOrder()
    {
        // SHA-256("abc") begins ba7816bf8f01cfea (FIPS 180-2, appendix B.1).
        Assert.Equal("ba7816bf8f01cfea", ContentRules.Hash("abc"));
        Assert.Equal(ContentRules.CombineHashes(["a", "b"]), ContentRules.CombineHashes(["b", "a"]));
        Assert.NotEqual(ContentRules.CombineHashes(["a", "b"]), ContentRules.CombineHashes(["a", "c"]));
    }

    [Fact]
    public void ParseItem_EachItemOfTheCourse_IsWhatTheLoaderLoads()
    {
        var files = ContentDirectory.ReadFiles(RepoContent());
        var snapshot = new CourseLoader().Load(files);
        Assert.Empty(snapshot.Errors);
        var items = snapshot.Course.Weeks.SelectMany(w => w.Items).ToList();
        Assert.NotEmpty(items);
        foreach (var item in items)
        {
            var alone = CourseLoader.ParseItem(files.Single(f => f.Path == item.SourceFile));
            Assert.Empty(alone.Errors);
            var parsed = alone.Value!;
            Assert.Equal((item.GetType(), item.Id, item.Title, item.Revision, item.SourceFile), (parsed.GetType(), parsed.Id, parsed.Title, parsed.Revision, parsed.SourceFile));
            if (item is Quiz quiz)
            {
                Assert.Equal(quiz.Questions.Select(q => (q.Id, q.Type, q.Points)), ((Quiz)parsed).Questions.Select(q => (q.Id, q.Type, q.Points)));
            }
        }

        foreach (var week in snapshot.Course.Weeks)
        {
            var alone = CourseLoader.ParseWeek(files.Single(f => f.Path == week.SourceFile)).Value!;
            Assert.Equal((week.Number, week.Title, week.IntroHtml), (alone.Number, alone.Title, alone.IntroHtml));
        }

        Assert.Equal(snapshot.Course.Title, CourseLoader.ParseCourse(files.Single(f => f.Path == ContentRules.CourseFile)).Value!.Title);
    }

    [Theory]
    [InlineData("notes.md", "outside the course layout")]
    [InlineData("weeks/My Week/01-notes.md", "week folder")]
    [InlineData("weeks/07-x/notes.md", "position")]
    public void ParseItem_PathTheLoaderRefuses_GivesItsProblem(string path, string problem)
    {
        var parsed = CourseLoader.ParseItem(new ContentFile(path, "---\nkind: notes\ntitle: Notes\n---\nText.\n"));
        Assert.Null(parsed.Value);
        Assert.Contains(parsed.Errors, e => e.File == path && e.Message.Contains(problem, StringComparison.Ordinal));

        var loaded = new CourseLoader().Load([new("course.md", "---\ntitle: C\n---\n"), new(path, "---\nkind: notes\ntitle: Notes\n---\nText.\n")]);
        Assert.Contains(loaded.Errors, e => e.File == path && e.Message.Contains(problem, StringComparison.Ordinal));
    }

    private static string RepoContent()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LlmCourse.sln")))
            {
                return Path.Combine(dir.FullName, "content");
            }
        }

        throw new InvalidOperationException("LlmCourse.sln not found above " + AppContext.BaseDirectory);
    }
}
