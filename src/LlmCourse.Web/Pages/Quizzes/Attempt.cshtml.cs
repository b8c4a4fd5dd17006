using LlmCourse.Core.Content;
using LlmCourse.Core.Quizzes;
using LlmCourse.Web.Content;
using LlmCourse.Web.Quizzes;
using Microsoft.AspNetCore.Mvc;

namespace LlmCourse.Web.Pages.Quizzes;

/// <summary>
/// Taking an attempt. Without JavaScript, "Save", "Previous"/"Next" and "Submit" post the form (answers are
/// stored before the reply); with JavaScript, answers are also saved on change through the API.
/// </summary>
public sealed class AttemptModel(CourseCatalog catalog, QuizService quizzes, TimeProvider clock) : QuizPageModel(catalog, quizzes)
{
    public PublicQuiz Public { get; private set; } = null!;

    /// <summary>The questions on this page: all of them, or one with one-question-per-page.</summary>
    public IReadOnlyList<PublicQuestion> Shown { get; private set; } = [];

    /// <summary>1-based page when one question per page.</summary>
    public int PageNumber { get; private set; } = 1;

    public int PageCount { get; private set; } = 1;

    public TimeSpan? TimeLeft { get; private set; }

    public DateTimeOffset Now { get; private set; }

    public bool JustSaved { get; private set; }

    /// <summary>Why the posted answers were refused (nothing was stored); the page shows the answers saved before.</summary>
    public string? Refusal { get; private set; }

    /// <summary>Unanswered questions that are not on this page (the script adds those on it).</summary>
    public int UnansweredElsewhere { get; private set; }

    public string AttemptAddress => AttemptUrl;

    public string ApiUrl => QuizUrls.ApiAttempt(Week.Number, CurrentQuiz.Id, Loaded.Attempt.Id);

    /// <summary>The saved answer to a question as the page shows it (by the id learners see).</summary>
    public QuestionResponse? Saved(string publicId) => Loaded.SavedAnswer(publicId);

    public async Task<IActionResult> OnGetAsync(int number, string quizId, string attemptId, int? q, bool saved = false)
    {
        if (!await LoadAsync(number, quizId, attemptId))
        {
            return NotFound();
        }

        if (Loaded.Submitted)
        {
            return Redirect(ReviewUrl);
        }

        JustSaved = saved;
        Prepare(q);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(int number, string quizId, string attemptId, int? q, string? go)
    {
        if (!await LoadAsync(number, quizId, attemptId))
        {
            return NotFound();
        }

        var result = await Quizzes.SaveAsync(Loaded, QuizForm.Read(Request.Form, Loaded.Public), HttpContext.RequestAborted);
        if (result.Outcome != WriteOutcome.Done)
        {
            return Refused(result, q);
        }

        var page = go switch
        {
            "next" => (q ?? 1) + 1,
            "prev" => (q ?? 1) - 1,
            _ when int.TryParse(go, out var n) => n,
            _ => q ?? 1,
        };
        var query = Loaded.Quiz.Settings.Layout == QuizLayout.OneQuestionPerPage ? $"?q={Math.Clamp(page, 1, Loaded.Quiz.Questions.Count)}" : "";
        var savedFlag = go is null or "save" ? (query.Length == 0 ? "?saved=true" : "&saved=true") : "";
        return Redirect(AttemptUrl + query + savedFlag);
    }

    public async Task<IActionResult> OnPostSubmitAsync(int number, string quizId, string attemptId, int? q, bool confirmed = false)
    {
        if (!await LoadAsync(number, quizId, attemptId))
        {
            return NotFound();
        }

        var answers = QuizForm.Read(Request.Form, Loaded.Public);
        var saved = await Quizzes.SaveAsync(Loaded, answers, HttpContext.RequestAborted);
        if (saved.Outcome != WriteOutcome.Done)
        {
            return Refused(saved, q);
        }

        if (Loaded.WithSaved(answers).Unanswered.Count > 0 && !confirmed)
        {
            return Redirect(QuizUrls.Confirm(Week.Number, CurrentQuiz.Id, Loaded.Attempt.Id));
        }

        var result = (await Quizzes.SubmitAsync(Loaded, null, HttpContext.RequestAborted)).Write;
        return result.Outcome == WriteOutcome.Done ? Redirect(ReviewUrl) : Refused(result, q);
    }

    private IActionResult Refused(WriteResult result, int? q)
    {
        switch (result.Outcome)
        {
            case WriteOutcome.TooLate:
                return Redirect(ReviewUrl + "?late=true");
            case WriteOutcome.AlreadySubmitted:
                return Redirect(ReviewUrl);
            default:
                // Only a hand-made request gets here (the form offers nothing else): say what was refused.
                Refusal = result.Message;
                Response.StatusCode = StatusCodes.Status400BadRequest;
                Prepare(q);
                return Page();
        }
    }

    private void Prepare(int? q)
    {
        Public = Loaded.Public;
        Now = clock.GetUtcNow();
        TimeLeft = Loaded.Attempt.Deadline is { } deadline ? QuizService.Utc(deadline) - Now : null;
        if (Public.Layout == QuizLayout.OneQuestionPerPage && Public.Questions.Count > 0)
        {
            PageCount = Public.Questions.Count;
            PageNumber = Math.Clamp(q ?? 1, 1, PageCount);
            Shown = [Public.Questions[PageNumber - 1]];
        }
        else
        {
            Shown = Public.Questions;
        }

        var shownIds = Shown.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        UnansweredElsewhere = Loaded.Unanswered.Count(p => !shownIds.Contains(p.Id));
    }
}
