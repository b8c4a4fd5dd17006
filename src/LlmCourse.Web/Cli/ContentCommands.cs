using LlmCourse.Core.Content;
using LlmCourse.Web.Content;

namespace LlmCourse.Web.Cli;

/// <summary>
/// <c>content import [folder]</c> makes the database hold exactly the folder's course, Markdown and images (default:
/// <c>Content:Path</c>); <c>content export &lt;folder&gt;</c> writes the database's course files and images to a
/// folder, images byte for byte. Export then import is a no-op. An import with an image the site would refuse
/// (too big, not what its name says, unsafe SVG) changes nothing and names each problem.
/// </summary>
public static class ContentCommands
{
    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] == "content";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        await using var scope = services.CreateAsyncScope();
        var repository = scope.ServiceProvider.GetRequiredService<ContentRepository>();
        var verb = args.Length > 1 ? args[1] : "";
        var folder = args.Length > 2 && !args[2].StartsWith("--", StringComparison.Ordinal) ? args[2] : null;
        switch (verb)
        {
            case "import":
                folder ??= services.GetRequiredService<ContentOptions>().Path;
                if (!File.Exists(Path.Combine(folder, "course.md")))
                {
                    await error.WriteLineAsync($"{Path.GetFullPath(folder)} has no course.md; nothing imported.");
                    return 1;
                }

                var files = ContentDirectory.ReadFiles(folder);
                var images = ContentDirectory.ReadAssets(folder);
                var refused = images.SelectMany(i => CourseAssets.Inspect(i).Errors).ToList();
                if (refused.Count > 0)
                {
                    foreach (var problem in refused)
                    {
                        await error.WriteLineAsync(problem.ToString());
                    }

                    await error.WriteLineAsync($"{refused.Count} problem(s) with images in {Path.GetFullPath(folder)}; nothing imported.");
                    return 1;
                }

                var changed = await repository.ImportAsync(files, images, ContentRepository.FolderActor, $"command line: {Path.GetFullPath(folder)}");
                await output.WriteLineAsync($"Imported {files.Count} files and {images.Count} images from {Path.GetFullPath(folder)}: {changed} changed.");
                return 0;

            case "export" when folder is not null:
                var count = await repository.ExportAsync(folder);
                await output.WriteLineAsync($"Exported {count} files (Markdown and images) to {Path.GetFullPath(folder)}.");
                return 0;

            default:
                await error.WriteLineAsync("""
                    Usage:
                      content import [FOLDER]   make the database's course (Markdown and images) equal to FOLDER (default: Content:Path)
                      content export FOLDER     write the database's course files and images to FOLDER
                    """);
                return 2;
        }
    }
}
