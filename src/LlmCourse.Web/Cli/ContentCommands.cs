using LlmCourse.Core.Content;
using LlmCourse.Web.Content;

namespace LlmCourse.Web.Cli;

/// <summary>
/// <c>content import [folder]</c> makes the database hold exactly the folder's course (default: <c>Content:Path</c>);
/// <c>content export &lt;folder&gt;</c> writes the database's course files to a folder. Export then import is a no-op.
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
                var changed = await repository.ImportAsync(files, ContentRepository.FolderActor, $"command line: {Path.GetFullPath(folder)}");
                await output.WriteLineAsync($"Imported {files.Count} files from {Path.GetFullPath(folder)}: {changed} changed.");
                return 0;

            case "export" when folder is not null:
                var count = await repository.ExportAsync(folder);
                await output.WriteLineAsync($"Exported {count} files to {Path.GetFullPath(folder)}.");
                return 0;

            default:
                await error.WriteLineAsync("""
                    Usage:
                      content import [FOLDER]   make the database's course equal to FOLDER (default: Content:Path)
                      content export FOLDER     write the database's course files to FOLDER
                    """);
                return 2;
        }
    }
}
