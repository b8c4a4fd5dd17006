namespace LlmCourse.Core.Content;

/// <summary>The kinds of item a week can hold; the front matter's <c>kind</c> names one.</summary>
public enum ItemKind
{
    Lecture,
    Notes,
    Deck,
    Quiz,
}

/// <summary>A problem found in a content file, named by file and line so an author can fix it.</summary>
/// <param name="File">Path relative to the content root, with forward slashes.</param>
/// <param name="Line">1-based line number in that file (1 when the problem is the whole file).</param>
/// <param name="Message">What is wrong, in words an author understands.</param>
public sealed record ContentError(string File, int Line, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{File}:{Line}: {Message}";
}

/// <summary>One source file of the course: its path relative to the content root and its text.</summary>
public sealed record ContentFile(string Path, string Text);

/// <summary>The whole course as parsed from its Markdown files: immutable, HTML pre-rendered.</summary>
/// <param name="Title">Course title from <c>course.md</c>.</param>
/// <param name="Tagline">One-line description from <c>course.md</c>.</param>
/// <param name="OverviewHtml">The body of <c>course.md</c>, rendered.</param>
/// <param name="Weeks">All weeks, published or not, ordered by number.</param>
public sealed record Course(string Title, string Tagline, string OverviewHtml, IReadOnlyList<Week> Weeks);

/// <summary>A week of the course, from the folder <c>weeks/NN-slug/</c>.</summary>
/// <param name="Number">Week number, unique in the course; it is the week's URL.</param>
/// <param name="Title">Week title.</param>
/// <param name="Summary">One-paragraph plain-text summary.</param>
/// <param name="IntroHtml">The body of <c>week.md</c>, rendered.</param>
/// <param name="Published">False keeps the week hidden from learners (front matter <c>published: false</c>).</param>
/// <param name="ReleaseAt">When set, learners see the week only from this instant on.</param>
/// <param name="Items">The week's items in their authored order.</param>
/// <param name="SourceFile">Path of <c>week.md</c>.</param>
public sealed record Week(
    int Number,
    string Title,
    string Summary,
    string IntroHtml,
    bool Published,
    DateTimeOffset? ReleaseAt,
    IReadOnlyList<CourseItem> Items,
    string SourceFile)
{
    /// <summary>The images <c>week.md</c>'s introduction shows.</summary>
    public IReadOnlyList<ImageReference> Images { get; init; } = [];

    /// <summary>Whether learners may see this week at <paramref name="now"/>.</summary>
    public bool IsVisibleAt(DateTimeOffset now) => Published && (ReleaseAt is null || ReleaseAt <= now);

    /// <summary>The item with this id, or null.</summary>
    public CourseItem? FindItem(string id) => Items.FirstOrDefault(i => string.Equals(i.Id, id, StringComparison.Ordinal));
}

/// <summary>What every item has, whatever its kind.</summary>
public abstract record CourseItem
{
    /// <summary>Stable id, unique within its week (front matter <c>id</c>, else the file name without its order prefix).</summary>
    public required string Id { get; init; }

    public required string Title { get; init; }

    public required ItemKind Kind { get; init; }

    /// <summary>Plain-text one-liner (front matter <c>summary</c>), may be empty.</summary>
    public string Summary { get; init; } = "";

    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Path relative to the content root, with forward slashes.</summary>
    public required string SourceFile { get; init; }

    /// <summary>The file's full text as authored (front matter included); served by "download as Markdown".</summary>
    public required string Markdown { get; init; }

    /// <summary>Content hash of <see cref="Markdown"/> (lower-case hex, 16 chars): records keep it to know which version they saw.</summary>
    public required string Revision { get; init; }

    /// <summary>The images the item shows, in order of appearance, as resolved when it was parsed.</summary>
    public IReadOnlyList<ImageReference> Images { get; init; } = [];
}

/// <summary>A lecture: slides, each with its transcript.</summary>
public sealed record Lecture : CourseItem
{
    public required IReadOnlyList<Slide> Slides { get; init; }
}

/// <param name="Number">1-based position in the lecture.</param>
/// <param name="Title">The slide's heading.</param>
/// <param name="BodyHtml">What is on the slide.</param>
/// <param name="TranscriptHtml">What the lecturer says over it.</param>
/// <param name="TranscriptText">The transcript as plain text (search, reading time, the language model of the Lab).</param>
public sealed record Slide(int Number, string Title, string BodyHtml, string TranscriptHtml, string TranscriptText);

/// <summary>Class notes: one rendered Markdown page.</summary>
public sealed record Notes : CourseItem
{
    public required string Html { get; init; }

    /// <summary>Headings of level 2 and 3, in order, with their anchor ids.</summary>
    public required IReadOnlyList<TocEntry> Toc { get; init; }

    public required int WordCount { get; init; }

    /// <summary>Estimated at 200 words a minute, at least 1.</summary>
    public required int ReadingMinutes { get; init; }

    /// <summary>The notes as plain text.</summary>
    public required string Text { get; init; }
}

public sealed record TocEntry(int Level, string Id, string Text);

/// <summary>A flashcard deck.</summary>
public sealed record Deck : CourseItem
{
    public required IReadOnlyList<Card> Cards { get; init; }
}

/// <param name="Id">Stable id, unique within the deck (<c>{#id}</c> after the heading).</param>
/// <param name="Question">The front of the card, plain text.</param>
/// <param name="AnswerHtml">The back of the card, rendered.</param>
/// <param name="AnswerText">The back as plain text (used to grade written answers and build distractors).</param>
/// <param name="ShortAnswer">A few words for Match and multiple choice: the "Short answer:" line, else the answer's first sentence.</param>
public sealed record Card(string Id, string Question, string AnswerHtml, string AnswerText, string ShortAnswer)
{
    /// <summary>The slides or notes sections the card tests (<c>tests=</c> in its heading's braces).</summary>
    public IReadOnlyList<MaterialReference> Tests { get; init; } = [];

    /// <summary>Line of the card's heading in its file.</summary>
    public int Line { get; init; }
}

/// <summary>
/// A slide of a lecture (<c>lecture-id/3</c>) or a section of notes (<c>notes-id#section-id</c>) in the same
/// week, named by a question or card as the material it tests. Exactly one of <paramref name="Slide"/> and
/// <paramref name="Section"/> is set.
/// </summary>
/// <param name="ItemId">The lecture's or notes' id.</param>
/// <param name="Slide">1-based slide number, for a lecture.</param>
/// <param name="Section">The heading's anchor id, for notes.</param>
public sealed record MaterialReference(string ItemId, int? Slide, string? Section)
{
    /// <summary>The reference as written: <c>lecture-id/3</c> or <c>notes-id#section</c>.</summary>
    public override string ToString() =>
        Slide is { } n ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{ItemId}/{n}") : $"{ItemId}#{Section}";

    /// <summary>The part of the item it names: the slide number as text, or the section id.</summary>
    public string Part => Slide is { } n ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : Section ?? "";
}

/// <summary>A quiz: settings from front matter and its questions.</summary>
public sealed record Quiz : CourseItem
{
    public required QuizSettings Settings { get; init; }

    public required IReadOnlyList<Question> Questions { get; init; }

    /// <summary>Intro shown before an attempt starts (the body before the first question), rendered.</summary>
    public string IntroHtml { get; init; } = "";
}

public enum GradingMethod
{
    Highest,
    Average,
    First,
    Last,
}

public enum QuizLayout
{
    /// <summary>Every question on one page.</summary>
    OnePage,

    /// <summary>One question per page.</summary>
    OneQuestionPerPage,
}

public enum RevealPolicy
{
    AfterEachAttempt,
    AfterLastAttempt,
    AfterClose,
    Never,
}

/// <summary>When a learner sees the marks of a submitted attempt (front matter <c>show-marks</c>).</summary>
public enum MarksPolicy
{
    /// <summary>As soon as the attempt is handed in.</summary>
    Immediately,

    /// <summary>Once the quiz's <c>closes</c> instant has passed.</summary>
    AfterClose,

    /// <summary>Never: the learner sees that the attempt was handed in, not how it scored.</summary>
    Never,
}

/// <param name="AttemptsAllowed">Null means unlimited.</param>
/// <param name="TimeLimit">Null means untimed.</param>
/// <param name="PassMark">Fraction of the maximum score needed to pass, 0..1.</param>
/// <param name="ShowMarks">When learners see scores, pass/fail and per-question marks (independent of <paramref name="Reveal"/>).</param>
public sealed record QuizSettings(
    int? AttemptsAllowed,
    TimeSpan? TimeLimit,
    GradingMethod Grading,
    bool ShuffleQuestions,
    bool ShuffleChoices,
    QuizLayout Layout,
    double PassMark,
    RevealPolicy Reveal,
    DateTimeOffset? Opens,
    DateTimeOffset? Closes,
    MarksPolicy ShowMarks = MarksPolicy.Immediately)
{
    public static QuizSettings Default { get; } = new(null, null, GradingMethod.Highest, false, false, QuizLayout.OnePage, 0.7, RevealPolicy.AfterEachAttempt, null, null);
}

public enum QuestionType
{
    SingleChoice,
    MultipleAnswers,
    TrueFalse,
    ShortText,
    Numeric,
    Matching,
    Ordering,

    /// <summary>A written answer the instructor grades by hand (Moodle's essay); it waits in "needs grading" until then.</summary>
    Essay,
}

/// <summary>
/// One question. Which members are filled depends on <see cref="Type"/>: choices for the choice types,
/// accepted answers and pattern for short text, <see cref="Numeric"/> for numeric, pairs (and distractors)
/// for matching, ordered items for ordering; an essay has none, only <see cref="GraderInfoHtml"/>. Correctness lives here and must never reach a browser before submission.
/// </summary>
public sealed record Question
{
    /// <summary>Stable id, unique within the quiz.</summary>
    public required string Id { get; init; }

    public required QuestionType Type { get; init; }

    /// <summary>The question's heading, plain text.</summary>
    public required string Title { get; init; }

    /// <summary>Heading plus any paragraphs before the answers, rendered.</summary>
    public required string PromptHtml { get; init; }

    public double Points { get; init; } = 1;

    public IReadOnlyList<Choice> Choices { get; init; } = [];

    /// <summary>Short-text answers, compared ignoring case and surrounding whitespace.</summary>
    public IReadOnlyList<string> AcceptedAnswers { get; init; } = [];

    /// <summary>Optional .NET regular expression a short-text answer may match instead (whole answer, case-insensitive).</summary>
    public string? AcceptedPattern { get; init; }

    public NumericAnswer? Numeric { get; init; }

    public IReadOnlyList<MatchPair> Pairs { get; init; } = [];

    /// <summary>Matching: extra right-hand options that match no left item (Moodle's distractors, GIFT <c>= -> Chat</c>).</summary>
    public IReadOnlyList<string> MatchDistractors { get; init; } = [];

    /// <summary>Ordering questions: the items in their correct order.</summary>
    public IReadOnlyList<string> OrderedItems { get; init; } = [];

    public string? HintHtml { get; init; }

    public string? ExplanationHtml { get; init; }

    /// <summary>Essay: guidance for whoever grades it (Moodle's grader information); shown to instructors only, never to learners.</summary>
    public string? GraderInfoHtml { get; init; }

    /// <summary>Line of the question's heading in its file.</summary>
    public int Line { get; init; }

    /// <summary>The slides or notes sections the question tests (<c>tests=</c> in its heading's braces).</summary>
    public IReadOnlyList<MaterialReference> Tests { get; init; } = [];
}

/// <param name="Id">Stable id: a hash of the choice's text, so reordering choices keeps records valid.</param>
/// <param name="Html">The choice, rendered inline.</param>
/// <param name="Text">The choice as plain text.</param>
/// <param name="Correct">Whether this choice is (one of) the right answer(s).</param>
/// <param name="FeedbackHtml">Shown at review next to this choice when the learner picked it.</param>
public sealed record Choice(string Id, string Html, string Text, bool Correct, string? FeedbackHtml);

public sealed record NumericAnswer(double Value, double Tolerance);

public sealed record MatchPair(string Left, string Right);
