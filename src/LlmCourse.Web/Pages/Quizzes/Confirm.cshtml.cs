using LlmCourse.Core.Quizzes;
using LlmCourse.Web.Content;
using LlmCourse.Web.Quizzes;
using Microsoft.AspNetCore.Mvc;

namespace LlmCourse.Web.Pages.Quizzes;

/// <summary>"Some questions are unanswered: submit anyway?" — the no-JavaScript confirmation before submitting.</summary>
public sealed class ConfirmSubmitModel(CourseCatalog catalog, QuizService quizzes) : QuizPageModel(catalog, quizzes)
{
    public IReadOnlyList<PublicQuestion> Unanswered { get; private set; } = [];

    public string AttemptAddress => AttemptUrl;

    public async Task<IActionResult> OnGetAsync(int number, string quizId, string attemptId)
    {
        if (!await LoadAsync(number, quizId, attemptId))
        {
            return NotFound();
        }

        if (Loaded.Submitted)
        {
            return Redirect(ReviewUrl);
        }

        Unanswered = Loaded.Unanswered;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int number, string quizId, string attemptId)
    {
        if (!await LoadAsync(number, quizId, attemptId))
        {
            return NotFound();
        }

        var result = (await Quizzes.SubmitAsync(Loaded, null, HttpContext.RequestAborted)).Write;
        return Redirect(result.Outcome == WriteOutcome.TooLate ? ReviewUrl + "?late=true" : ReviewUrl);
    }
}
