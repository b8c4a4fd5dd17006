using LlmCourse.Core.Content;
using LlmCourse.Web.Content;

namespace LlmCourse.Web.Hosting;

public static class ContentExtensions
{
    /// <summary>
    /// The course snapshot, loaded from <c>Content:Path</c> at start-up and reloaded when a file changes.
    /// A relative path is looked up from the content root upwards, so <c>dotnet run --project src/LlmCourse.Web</c>
    /// finds the repository's <c>content/</c> folder from any working directory.
    /// </summary>
    public static WebApplicationBuilder AddCourseContent(this WebApplicationBuilder builder)
    {
        var options = new ContentOptions();
        builder.Configuration.GetSection("Content").Bind(options);
        options.Path = ResolveContentPath(options.Path, builder.Environment.ContentRootPath);

        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<CourseLoader>();
        builder.Services.AddSingleton<CourseStore>();
        builder.Services.AddHostedService<ContentWatcher>();
        return builder;
    }

    internal static string ResolveContentPath(string configured, string contentRoot)
    {
        if (Path.IsPathRooted(configured))
        {
            return configured;
        }

        for (var dir = new DirectoryInfo(contentRoot); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, configured);
            if (File.Exists(Path.Combine(candidate, "course.md")))
            {
                return candidate;
            }
        }

        return Path.GetFullPath(Path.Combine(contentRoot, configured));
    }
}
