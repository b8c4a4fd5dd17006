using LlmCourse.Core.Content;
using LlmCourse.Core.Quizzes;

namespace LlmCourse.Core.Tests.Content;

/// <summary>"Revisit these slides": the parts of the material behind missed questions and cards.</summary>
public sealed class RevisitSlidesTests
{
    private const string Folder = "weeks/04-attention";

    private static string Lecture() => "---\nkind: lecture\ntitle: Attention\n---\n" + string.Concat(
        Enumerable.Range(1, 4).Select(n => $"## Slide {n}\n\nBullets.\n\n### Transcript\n\nWords.\n\n"));

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

    // Questions name slides out of order, one names two parts, and q5 names a notes section.
    private const string QuizText = """
        ---
        kind: quiz
        title: Check
        ---
        ## Q1 {#q1 tests=lecture/3}

        - [x] Right
        - [ ] Wrong

        ## Q2 {#q2 tests=lecture/1,lecture/3}

        - [x] Right
        - [ ] Wrong

        ## Q3 {#q3 tests=lecture/2}

        - [x] Right
        - [ ] Wrong

        ## Q4 {#q4}

        - [x] Right
        - [ ] Wrong

        ## Q5 {#q5 tests=notes#multi-head-attention}

        - [x] Right
        - [ ] Wrong
        """;

    private const string DeckText = """
        ---
        kind: deck
        title: Cards
        ---
        ## Card one {#c1 tests=lecture/4}

        Back one.

        ## Card two {#c2 tests=notes#scaled-dot-product,lecture/2}

        Back two.

        ## Card three {#c3}

        Back three.
        """;

    private static CourseSnapshot Load() => new CourseLoader().Load(
    [
        new("course.md", "---\ntitle: Course\n---\n"),
        new($"{Folder}/week.md", "---\nnumber: 4\ntitle: Attention\n---\n"),
        new($"{Folder}/01-lecture.md", Lecture()),
        new($"{Folder}/02-notes.md", NotesText),
        new($"{Folder}/03-quiz.md", QuizText),
        new($"{Folder}/04-cards.md", DeckText),
        new("weeks/05-more/week.md", "---\nnumber: 5\ntitle: More\n---\n"),
        new("weeks/05-more/01-lecture.md", "---\nkind: lecture\ntitle: More\n---\n## Only slide\n\nX.\n\n### Transcript\n\nY.\n"),
        new("weeks/05-more/02-cards.md", "---\nkind: deck\ntitle: More cards\n---\n## Late card {#late tests=lecture/1}\n\nBack.\n"),
    ]);

    private static Week LoadWeek(int number = 4)
    {
        var snapshot = Load();
        Assert.Empty(snapshot.Errors);
        return snapshot.FindWeek(number)!;
    }

    private static string Describe(RevisitPart p) => p.Slide is { } n ? $"{p.Week}:{p.Item.Id}/{n}" : $"{p.Week}:{p.Item.Id}#{p.Section}";

    [Theory]
    [InlineData(new[] { "q1" }, new[] { "4:lecture/3" })]
    [InlineData(new[] { "q1", "q2" }, new[] { "4:lecture/1", "4:lecture/3" })] // slide 3 once, slides in order
    [InlineData(new[] { "q5", "q3", "q1" }, new[] { "4:lecture/2", "4:lecture/3", "4:notes#multi-head-attention" })] // lecture before notes, as the week lists them
    [InlineData(new[] { "q4" }, new string[0])] // a question naming no slide
    [InlineData(new[] { "nope" }, new string[0])]
    [InlineData(new string[0], new string[0])]
    public void ForQuestions_MissedIds_PartsOnceInCourseOrder(string[] missed, string[] expected)
    {
        var week = LoadWeek();
        var quiz = (Quiz)week.FindItem("quiz")!;

        var parts = RevisitSlides.ForQuestions(week, quiz, missed);

        Assert.Equal(expected, parts.Select(Describe));
    }

    [Fact]
    public void ForQuestions_Slide_CarriesItsTitle()
    {
        var week = LoadWeek();

        var part = Assert.Single(RevisitSlides.ForQuestions(week, (Quiz)week.FindItem("quiz")!, ["q3"]));

        Assert.Equal("Slide 2", part.Title);
        Assert.IsType<Lecture>(part.Item);
        Assert.Null(part.Section);
    }

    [Fact]
    public void ForQuestions_Section_CarriesItsHeading()
    {
        var week = LoadWeek();

        var part = Assert.Single(RevisitSlides.ForQuestions(week, (Quiz)week.FindItem("quiz")!, ["q5"]));

        Assert.Equal("Multi-head attention", part.Title);
        Assert.Null(part.Slide);
    }

    [Fact]
    public void For_ReferenceToMissingSlideOrSection_IsLeftOut()
    {
        var week = LoadWeek();

        var parts = RevisitSlides.For(week, [new("lecture", 9, null), new("notes", null, "gone"), new("nowhere", 1, null), new("lecture", 4, null)]);

        Assert.Equal(["4:lecture/4"], parts.Select(Describe));
    }

    [Theory]
    [InlineData(GradeState.Incorrect, true)]
    [InlineData(GradeState.Partial, true)]
    [InlineData(GradeState.Unanswered, true)]
    [InlineData(GradeState.Correct, false)]
    [InlineData(GradeState.NeedsGrading, false)]
    public void ForReview_GradeState_CountsAsMissedWhenNotRight(GradeState state, bool missed)
    {
        var week = LoadWeek();
        var quiz = (Quiz)week.FindItem("quiz")!;
        var q3 = quiz.Questions.Single(q => q.Id == "q3");
        var all = ReviewOptions.Nothing with { Score = true, QuestionMarks = true };
        var review = ReviewBuilder.Build(q3, "p3", 1, false, 1, null, all) with { Grade = new QuestionGrade("q3", 0, 1, 0, state) };

        var parts = RevisitSlides.ForReview(week, quiz, [review]);

        Assert.Equal(missed ? ["4:lecture/2"] : [], parts.Select(Describe));
    }

    [Fact]
    public void ForReview_MarksHeldBack_NoParts()
    {
        // The reveal rules hold the marks back: the review's grades are null, and the links must not tell what they hide.
        var week = LoadWeek();
        var quiz = (Quiz)week.FindItem("quiz")!;
        var reviews = quiz.Questions.Select((q, i) => ReviewBuilder.Build(q, q.Id, i + 1, false, 1, null, ReviewOptions.Nothing with { Score = true })).ToList();
        Assert.All(reviews, r => Assert.Null(r.Grade));

        Assert.Empty(RevisitSlides.ForReview(week, quiz, reviews));
    }

    [Fact]
    public void ForReview_UnansweredWithMarksShown_PointsToEveryTestedPart()
    {
        var week = LoadWeek();
        var quiz = (Quiz)week.FindItem("quiz")!;
        var shown = new ReviewOptions(true, true, true, true, true);
        var reviews = quiz.Questions.Select((q, i) => ReviewBuilder.Build(q, q.Id, i + 1, false, 1, null, shown)).ToList();

        var parts = RevisitSlides.ForReview(week, quiz, reviews);

        Assert.Equal(["4:lecture/1", "4:lecture/2", "4:lecture/3", "4:notes#multi-head-attention"], parts.Select(Describe));
    }

    [Fact]
    public void ForCards_OneDeck_SectionsAndSlidesOnce()
    {
        var week = LoadWeek();
        var deck = (Deck)week.FindItem("cards")!;

        var parts = RevisitSlides.ForCards(week, deck, ["c2", "c1", "c3", "c2"]);

        Assert.Equal(["4:lecture/2", "4:lecture/4", "4:notes#scaled-dot-product"], parts.Select(Describe));
    }

    [Fact]
    public void ForCards_AcrossWeeks_WeeksInOrder()
    {
        var snapshot = Load();

        var parts = RevisitSlides.ForCards(snapshot.Course, [new(5, "cards", "late"), new(4, "cards", "c1"), new(9, "cards", "c1"), new(4, "other", "c2")]);

        Assert.Equal(["4:lecture/4", "5:lecture/1"], parts.Select(Describe));
    }
}
