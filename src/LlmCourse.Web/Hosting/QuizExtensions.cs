using LlmCourse.Web.Quizzes;

namespace LlmCourse.Web.Hosting;

public static class QuizExtensions
{
    /// <summary>Quiz attempts (pages and API) and the sweep that closes attempts whose time ran out.</summary>
    public static WebApplicationBuilder AddQuizzes(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<QuizRevisions>();
        builder.Services.AddScoped<QuizService>();
        builder.Services.AddHostedService<QuizSweeper>();
        return builder;
    }
}
