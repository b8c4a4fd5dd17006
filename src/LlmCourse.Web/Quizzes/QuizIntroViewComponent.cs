using LlmCourse.Core.Content;
using LlmCourse.Web.Progress;
using Microsoft.AspNetCore.Mvc;

namespace LlmCourse.Web.Quizzes;

/// <summary>What the quiz intro shows: the rules, and for a signed-in learner their attempts and grade.</summary>
/// <param name="Overview">Null for anonymous visitors.</param>
public sealed record QuizIntroView(Week Week, Quiz Quiz, QuizOverview? Overview);

/// <summary>The quiz's page body (<c>/weeks/{n}/{quiz}</c>), rendered inside the week item page.</summary>
public sealed class QuizIntroViewComponent(QuizService quizzes) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Week week, Quiz quiz)
    {
        var userId = ProgressReader.UserId(UserClaimsPrincipal);
        var overview = userId is null ? null : await quizzes.OverviewAsync(userId, week, quiz, HttpContext.RequestAborted);
        if (overview is not null)
        {
            // The learner's attempts and grade are on this page: no browser or proxy may keep a copy.
            HttpContext.Response.Headers.CacheControl = "no-store";
        }

        return View("/Pages/Quizzes/_QuizIntro.cshtml", new QuizIntroView(week, quiz, overview));
    }
}
