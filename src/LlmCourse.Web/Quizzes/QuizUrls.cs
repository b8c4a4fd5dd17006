using LlmCourse.Web.Content;

namespace LlmCourse.Web.Quizzes;

/// <summary>Addresses of quiz attempts, pages and API alike.</summary>
public static class QuizUrls
{
    public static string Start(int week, string quizId) => CourseUrls.Item(week, quizId) + "/attempts";

    public static string Attempt(int week, string quizId, string attemptId) => $"{Start(week, quizId)}/{attemptId}";

    public static string Confirm(int week, string quizId, string attemptId) => Attempt(week, quizId, attemptId) + "/submit";

    public static string Review(int week, string quizId, string attemptId) => Attempt(week, quizId, attemptId) + "/review";

    public static string Api(int week, string quizId) => $"/api/v1/weeks/{week}/quizzes/{Uri.EscapeDataString(quizId)}/attempts";

    public static string ApiAttempt(int week, string quizId, string attemptId) => $"{Api(week, quizId)}/{attemptId}";

    public static string Statistics(int week, string quizId) => $"/instructor/quizzes/{week}/{Uri.EscapeDataString(quizId)}";

    public static string Export(int week, string quizId) => Statistics(week, quizId) + "/attempts.csv";

    /// <summary>Instructors' page for grading the quiz's essays.</summary>
    public static string Grading(int week, string quizId) => Statistics(week, quizId) + "/grading";

    /// <summary>Instructors' page of per-learner close dates and time limits.</summary>
    public static string Overrides(int week, string quizId) => Statistics(week, quizId) + "/overrides";
}
