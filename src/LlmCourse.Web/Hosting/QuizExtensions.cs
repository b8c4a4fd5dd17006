using LlmCourse.Web.Quizzes;

namespace LlmCourse.Web.Hosting;

public static class QuizExtensions
{
    /// <summary>Quiz attempts (pages and API), the sweep that closes attempts whose time ran out, and essay grading.</summary>
    public static WebApplicationBuilder AddQuizzes(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<QuizRevisions>();
        builder.Services.AddSingleton<AttemptInserts>();
        builder.Services.AddScoped<QuizService>();
        builder.Services.AddScoped<QuizOverrides>();
        builder.Services.AddScoped<EssayGrading>();
        builder.Services.AddHostedService<QuizSweeper>();
        return builder;
    }
}
