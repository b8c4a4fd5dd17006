using LlmCourse.Web.Instructor;

namespace LlmCourse.Web.Hosting;

public static class InstructorExtensions
{
    /// <summary>Instructors' teaching view: the course overview and the gradebook.</summary>
    public static WebApplicationBuilder AddInstructor(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<TeachingReports>();
        return builder;
    }
}
