using LlmCourse.Core.Content;

namespace LlmCourse.Core.Tests.Content;

/// <summary><c>tests=</c> on questions and cards: parsed with the heading, checked against the week when it is published.</summary>
public sealed class MaterialReferencesTests
{
    private const string Folder = "weeks/03-attention";

    private const string LectureText = """
        ---
        kind: lecture
        title: Attention
        ---
        ## Queries and keys

        Bullets.

        ### Transcript

        Words.

        ## Softmax

        More.

        ### Transcript

        Words.
        """;

    private const string NotesText = """
        ---
        kind: notes
        title: Notes
        ---
        ## Scaled dot product

        Text.

        ## Multi-head attention

        Text.
        """;

    private static string Quiz(string tests) => $$"""
        ---
        kind: quiz
        title: Check
        ---
        ## What does softmax return? {#softmax-output {{tests}}}

        - [x] A probability distribution
        - [ ] A single number
        """;

    private static string Deck(string tests) => $$"""
        ---
        kind: deck
        title: Cards
        ---
        ## What is a query? {#query {{tests}}}

        What a token looks for.
        """;

    private static CourseSnapshot Load(string quiz, string deck) => new CourseLoader().Load(
    [
        new("course.md", "---\ntitle: Course\n---\n"),
        new($"{Folder}/week.md", "---\nnumber: 3\ntitle: Attention\n---\n"),
        new($"{Folder}/01-lecture.md", LectureText),
        new($"{Folder}/02-notes.md", NotesText),
        new($"{Folder}/03-quiz.md", quiz),
        new($"{Folder}/04-cards.md", deck),
    ]);

    private static IReadOnlyList<ContentError> Problems(CourseSnapshot snapshot) =>
        PublishValidator.ValidateWeek(snapshot, 3, DateTimeOffset.UnixEpoch, _ => DateTimeOffset.MinValue);

    [Fact]
    public void Parse_QuestionAndCardTests_AreRead()
    {
        var snapshot = Load(Quiz("tests=lecture/2,notes#multi-head-attention"), Deck("tests=lecture/1"));

        var week = snapshot.FindWeek(3)!;
        var question = week.Items.OfType<Quiz>().Single().Questions.Single();
        Assert.Equal([new MaterialReference("lecture", 2, null), new MaterialReference("notes", null, "multi-head-attention")], question.Tests);
        Assert.Equal("What does softmax return?", question.Title);
        var card = week.Items.OfType<Deck>().Single().Cards.Single();
        Assert.Equal([new MaterialReference("lecture", 1, null)], card.Tests);
        Assert.Equal(5, card.Line);
        Assert.Empty(Problems(snapshot));
    }

    [Fact]
    public void Parse_NoTests_IsEmpty()
    {
        var snapshot = Load(Quiz(""), Deck(""));

        Assert.Empty(snapshot.FindWeek(3)!.Items.OfType<Quiz>().Single().Questions.Single().Tests);
        Assert.Empty(Problems(snapshot));
    }

    [Theory]
    [InlineData("tests=lecture")]
    [InlineData("tests=lecture/")]
    [InlineData("tests=lecture/0")]
    [InlineData("tests=Lecture/1")]
    [InlineData("tests=lecture/1,,notes#x")]
    [InlineData("tests=lecture/1,lecture/1")]
    [InlineData("tests=notes#")]
    public void Parse_MalformedTests_IsAnErrorOnTheHeadingLine(string tests)
    {
        var quizErrors = Fixtures.Errors(Quiz(tests));
        Fixtures.HasError(quizErrors, Fixtures.ItemPath, 5, "tests=");

        var deckErrors = Fixtures.Errors(Deck(tests));
        Fixtures.HasError(deckErrors, Fixtures.ItemPath, 5, "tests=");
    }

    [Fact]
    public void Parse_CardWithOtherSetting_IsRefused()
    {
        var errors = Fixtures.Errors(Deck("points=2"));

        Fixtures.HasError(errors, Fixtures.ItemPath, 5, "only its id and tests=");
    }

    [Theory]
    [InlineData("tests=lecture/3", "has 2 slides")]
    [InlineData("tests=missing/1", "has no item 'missing'")]
    [InlineData("tests=notes#nowhere", "no heading with the id 'nowhere'")]
    [InlineData("tests=notes/1", "is notes")]
    [InlineData("tests=lecture#softmax", "is a lecture")]
    [InlineData("tests=cards/1", "not a lecture or notes")]
    public void ValidateWeek_ReferenceToNothing_BlocksPublishing(string tests, string why)
    {
        var snapshot = Load(Quiz(tests), Deck(tests));

        var problems = Problems(snapshot);

        Fixtures.HasError(problems, $"{Folder}/03-quiz.md", 5, why);
        Fixtures.HasError(problems, $"{Folder}/04-cards.md", 5, why);
    }

    [Fact]
    public void ValidateWeek_NotesHeadingWithoutExplicitId_IsFoundByItsGeneratedAnchor()
    {
        var snapshot = Load(Quiz("tests=notes#scaled-dot-product"), Deck(""));

        Assert.Empty(Problems(snapshot));
    }
}
