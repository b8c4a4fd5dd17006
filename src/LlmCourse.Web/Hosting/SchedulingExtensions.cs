using LlmCourse.Web.Instructor.Scheduling;
using LlmCourse.Web.Study;

namespace LlmCourse.Web.Hosting;

public static class SchedulingExtensions
{
    /// <summary>
    /// The course's FSRS scheduling: its day boundary (<c>Scheduling:TimeZone</c>, <c>Scheduling:DayStartsAt</c>),
    /// the weights its learners schedule with, and optimisation runs carried out in the background.
    /// </summary>
    public static WebApplicationBuilder AddScheduling(this WebApplicationBuilder builder)
    {
        var options = new SchedulingOptions();
        builder.Configuration.GetSection("Scheduling").Bind(options);
        _ = options.DayBoundary(); // A mistyped zone stops the start-up with its reason, not the first review.
        builder.Services.AddSingleton(options);

        var worker = new FsrsWorkerOptions();
        builder.Configuration.GetSection("Scheduling:Optimizer").Bind(worker);
        builder.Services.AddSingleton(worker);

        builder.Services.AddScoped<CourseScheduling>();
        builder.Services.AddScoped<FsrsRuns>();
        builder.Services.AddSingleton<FsrsRunSignal>();
        builder.Services.AddHostedService<FsrsOptimizationWorker>();
        return builder;
    }
}
