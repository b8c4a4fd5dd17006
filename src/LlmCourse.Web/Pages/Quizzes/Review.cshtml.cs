using LlmCourse.Core.Content;
using LlmCourse.Core.Quizzes;
using LlmCourse.Web.Content;
using LlmCourse.Web.Quizzes;
using Microsoft.AspNetCore.Mvc;

namespace LlmCourse.Web.Pages.Quizzes;

/// <summary>A submitted attempt: score and result always; marks, right answers and explanations as the reveal rule allows.</summary>
public sealed class AttemptReviewModel(CourseCatalog catalog, QuizService quizzes) : QuizPageModel(catalog, quizzes)
{
    public IReadOnlyList<QuestionReview> Questions { get; private set; } = [];

    public ReviewOptions Options { get; private set; } = ReviewOptions.Nothing;

    public bool Late { get; private set; }

    /// <summary>The slides and notes sections behind the questions this review shows as missed.</summary>
    public IReadOnlyList<RevisitPart> Revisit { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int number, string quizId, string attemptId, bool late = false)
    {
        if (!await LoadAsync(number, quizId, attemptId))
        {
            return NotFound();
        }

        if (!Loaded.Submitted)
        {
            return Redirect(AttemptUrl);
        }

        Late = late;
        Options = Quizzes.ReviewOptions(Loaded);
        Questions = Quizzes.Review(Loaded);

        // Decision (issue 20): the links follow what this review shows and nothing more. They are built from the
        // per-question marks the reveal rules let the review show; when a quiz holds answers or marks back, every
        // grade here is null and there are no links, since "revisit slide 5" would tell which answer was wrong.
        Revisit = RevisitSlides.ForReview(Loaded.Week, Loaded.Quiz, Questions);
        return Page();
    }

    /// <summary>The text of an option id (choice, matching side or ordering item) for showing answers.</summary>
    public string OptionText(PublicQuestion q, string id) =>
        q.Choices.Concat(q.MatchLefts).Concat(q.MatchOptions).Concat(q.OrderingItems).FirstOrDefault(o => o.Id == id)?.Text ?? id;
}
