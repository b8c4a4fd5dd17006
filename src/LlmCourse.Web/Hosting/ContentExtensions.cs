using LlmCourse.Core.Content;
using LlmCourse.Web.Content;

namespace LlmCourse.Web.Hosting;

public static class ContentExtensions
{
    /// <summary>
    /// The course snapshot, built from the course files and week states in the database. <c>Content:Path</c>
    /// is imported into an empty database on first start and, in Development, watched for edits.
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
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<CourseCatalog>();
        builder.Services.AddScoped<ContentRepository>();
        builder.Services.AddHostedService<ContentWatcher>();
        builder.Services.AddHostedService<ContentSync>();
        return builder;
    }

    /// <summary>
    /// Parses the course folder on another thread while the database is migrated. The loader caches what it
    /// parsed by path and text hash, so the first real load (from the database, usually the same files) finds
    /// it done: on two cores this takes the parsing off the start-up path.
    /// </summary>
    public static Task ParseCourseFolderAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<ContentOptions>();
        var loader = app.Services.GetRequiredService<CourseLoader>();
        return Task.Run(() =>
        {
            try
            {
                loader.Load(ContentDirectory.ReadFiles(options.Path), ContentDirectory.ReadAssets(options.Path));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Only a head start: the content watcher reads the folder again and reports problems.
            }
        });
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
