using LlmCourse.Web.Instructor;

namespace LlmCourse.Web.Hosting;

public static class InstructorExtensions
{
    /// <summary>The instructor area: publishing weeks, the course overview and gradebook, quiz statistics and regrading.</summary>
    public static WebApplicationBuilder AddInstructor(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<PublishingService>();
        builder.Services.AddScoped<TeachingReports>();
        builder.Services.AddScoped<QuizReports>();
        builder.Services.AddScoped<DraftImports>();
        builder.Services.AddScoped<MaterialInsightReports>();
        return builder;
    }
}
