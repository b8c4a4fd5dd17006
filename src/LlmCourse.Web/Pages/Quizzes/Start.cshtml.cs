using LlmCourse.Web.Content;
using LlmCourse.Web.Quizzes;
using Microsoft.AspNetCore.Mvc;

namespace LlmCourse.Web.Pages.Quizzes;

/// <summary>POST starts an attempt and opens it; a refusal (no attempts left, not open) is explained here.</summary>
public sealed class StartAttemptModel(CourseCatalog catalog, QuizService quizzes) : QuizPageModel(catalog, quizzes)
{
    public string Message { get; private set; } = "";

    public IActionResult OnGet(int number, string quizId) =>
        FindQuiz(number, quizId) ? Redirect(CourseUrls.Item(Week, CurrentQuiz)) : NotFound();

    public async Task<IActionResult> OnPostAsync(int number, string quizId)
    {
        if (!FindQuiz(number, quizId))
        {
            return NotFound();
        }

        var result = await Quizzes.StartAsync(UserId, Week, CurrentQuiz, HttpContext.RequestAborted);
        if (result.Attempt is { } attempt)
        {
            return Redirect(QuizUrls.Attempt(Week.Number, CurrentQuiz.Id, attempt.Id));
        }

        Message = result.Message;
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }
}
