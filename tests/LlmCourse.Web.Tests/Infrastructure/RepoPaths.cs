namespace LlmCourse.Web.Tests.Infrastructure;

public static class RepoPaths
{
    /// <summary>The repository root: the first parent of the test binary holding LlmCourse.sln.</summary>
    public static string Root { get; } = FindRoot();

    public static string Content => Path.Combine(Root, "content");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LlmCourse.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"LlmCourse.sln not found above {AppContext.BaseDirectory}.");
    }

    /// <summary>Copies a folder tree, so tests can edit content without touching the repository.</summary>
    public static void CopyTree(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }
}
