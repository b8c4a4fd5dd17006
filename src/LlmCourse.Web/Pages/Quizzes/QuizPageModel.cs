using LlmCourse.Core.Content;
using LlmCourse.Web.Content;
using LlmCourse.Web.Progress;
using LlmCourse.Web.Quizzes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LlmCourse.Web.Pages.Quizzes;

/// <summary>
/// Shared by the attempt pages: finds the visible quiz and the signed-in learner's attempt. Anything else
/// (no such quiz, someone else's attempt) is a 404, so attempt ids cannot be probed. Every answer is
/// <c>no-store</c>: attempts and reviews are one learner's, and a shared browser or proxy must not keep them.
/// </summary>
[Authorize]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public abstract class QuizPageModel(CourseCatalog catalog, QuizService quizzes) : PageModel
{
    protected QuizService Quizzes { get; } = quizzes;

    public Week Week { get; private set; } = null!;

    public Quiz CurrentQuiz { get; private set; } = null!;

    public LoadedAttempt Loaded { get; private set; } = null!;

    protected string UserId => ProgressReader.UserId(User)!;

    protected bool FindQuiz(int number, string quizId)
    {
        if (catalog.FindItem(number, quizId) is not (var week, Quiz quiz))
        {
            return false;
        }

        (Week, CurrentQuiz) = (week, quiz);
        return true;
    }

    protected async Task<bool> LoadAsync(int number, string quizId, string attemptId)
    {
        if (!FindQuiz(number, quizId) || await Quizzes.LoadAsync(UserId, Week, CurrentQuiz, attemptId, HttpContext.RequestAborted) is not { } loaded)
        {
            return false;
        }

        Loaded = loaded;
        return true;
    }

    protected string AttemptUrl => QuizUrls.Attempt(Week.Number, CurrentQuiz.Id, Loaded.Attempt.Id);

    protected string ReviewUrl => QuizUrls.Review(Week.Number, CurrentQuiz.Id, Loaded.Attempt.Id);
}
