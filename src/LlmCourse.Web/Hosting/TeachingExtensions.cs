using LlmCourse.Web.Teaching;

namespace LlmCourse.Web.Hosting;

public static class TeachingExtensions
{
    /// <summary>Instructors' teaching view: the course overview and the gradebook.</summary>
    public static WebApplicationBuilder AddTeaching(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<TeachingReports>();
        return builder;
    }
}
