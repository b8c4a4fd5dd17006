using System.Globalization;
using LlmCourse.Core.Content;
using LlmCourse.Core.Study;
using LlmCourse.Web.Content;
using LlmCourse.Web.Study;
using Microsoft.AspNetCore.Mvc;

namespace LlmCourse.Web.Pages.Study;

/// <summary>What rebuilds a practice test: kept on the server (or protected in the page), never the key itself.</summary>
public sealed record TestSpec(int Seed, int Count, IReadOnlyList<TestQuestionType> Types, bool Graded);

/// <summary>
/// Practice test: choose the number of questions and their types (a GET form), answer (POST), then review every
/// answer. The test is rebuilt from its seed on the server for grading, so the answer key never reaches the page.
/// </summary>
public sealed class TestModel(CourseCatalog catalog, PrivateDecks privateDecks, StudyStateStore store, StudyService study) : DeckStudyPageModel(catalog, privateDecks)
{
    public override string Mode => StudyModes.Test;

    [BindProperty(SupportsGet = true)]
    public int? Count { get; set; }

    [BindProperty(SupportsGet = true)]
    public List<TestQuestionType> Types { get; set; } = [];

    public PracticeTest? Test { get; private set; }

    public PracticeTestResult? Result { get; private set; }

    public string Handle { get; private set; } = "";

    /// <summary>After grading: the slides and sections behind the cards answered wrong.</summary>
    public IReadOnlyList<RevisitPart> Revisit { get; private set; } = [];

    public static string TypeLabel(TestQuestionType type) => type switch
    {
        TestQuestionType.MultipleChoice => "Multiple choice",
        TestQuestionType.TrueFalse => "True / false",
        TestQuestionType.Written => "Written",
        _ => "Matching",
    };

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadDeckAsync() is { } refusal)
        {
            return refusal;
        }

        if (Count is not { } count)
        {
            return Page();
        }

        if (count < 1 || count > Deck.Deck.Cards.Count)
        {
            ModelState.AddModelError(nameof(Count), $"Choose between 1 and {Deck.Deck.Cards.Count} questions.");
            return Page();
        }

        var spec = new TestSpec(Random.Shared.Next(), count, Types.Distinct().ToList(), false);
        Test = Build(spec);
        Handle = await store.SaveAsync(UserId, Deck, Mode, null, spec, new SessionTally(0, 0, false), HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string handle)
    {
        if (await LoadDeckAsync() is { } refusal)
        {
            return refusal;
        }

        if (await store.LoadAsync<TestSpec>(UserId, Deck, Mode, handle, HttpContext.RequestAborted) is not { } spec)
        {
            return Redirect(Deck.ModeUrl(Mode));
        }

        var test = Build(spec);
        var form = Request.Form;
        var responses = test.Questions.Select(q => q.Type switch
        {
            TestQuestionType.TrueFalse => new TestResponse(q.Number, TrueFalse: form[$"q{q.Number}"].ToString() switch { "true" => true, "false" => false, _ => null }),
            TestQuestionType.Matching => new TestResponse(q.Number, Matches: [.. q.MatchTerms.Select((_, i) => NullIfEmpty(form[$"q{q.Number}-{i}"].ToString()))]),
            _ => new TestResponse(q.Number, Text: NullIfEmpty(form[$"q{q.Number}"].ToString())),
        }).ToList();
        Result = PracticeTests.Grade(test, responses);
        Test = test;
        // A private deck's cards name no slides.
        Revisit = Deck.Week is { } week ? RevisitSlides.ForCards(week, Deck.Deck, Result.CardsWrong) : [];
        if (UserId is { } userId && !spec.Graded)
        {
            await study.RecordEvidenceAsync(userId, Deck, Result.CardsCorrect, learned: false, HttpContext.RequestAborted);
        }

        Handle = await store.SaveAsync(UserId, Deck, Mode, handle, spec with { Graded = true },
            new SessionTally(Result.CorrectCount, Result.QuestionCount, true), HttpContext.RequestAborted);
        return Page();
    }

    public static string Percent(double value) => value.ToString("0", CultureInfo.InvariantCulture) + "%";

    private PracticeTest Build(TestSpec spec) =>
        PracticeTests.Generate(Deck.Deck.Cards, new PracticeTestOptions(spec.Count, spec.Types, spec.Seed));

    private static string? NullIfEmpty(string value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
