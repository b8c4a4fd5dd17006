namespace LlmCourse.Core.Content;

/// <summary>What an image upload would write, or the reasons it is refused.</summary>
public sealed record ImageUploadResult(CourseAsset? Asset, IReadOnlyList<string> Problems)
{
    public bool Ok => Asset is not null && Problems.Count == 0;
}

public static partial class ContentUpload
{
    /// <summary>
    /// One image uploaded into week folder <paramref name="weekFolder"/>, checked completely without writing
    /// anything: the name must be a plain image file name (a path such as <c>../../x.svg</c> is refused, not
    /// trimmed), and the bytes must pass every check the loader makes (<see cref="CourseAssets.Inspect"/>).
    /// </summary>
    public static ImageUploadResult ReadImage(string? fileName, byte[] bytes, string weekFolder)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (!ContentRules.IsWeekFolderName(weekFolder))
        {
            return new(null, [$"'{weekFolder}' is not a week folder name like 03-lora."]);
        }

        if (CourseAssets.NameProblem(fileName) is { } nameProblem)
        {
            return new(null, [nameProblem]);
        }

        var check = CourseAssets.Inspect(new ContentAsset(CourseAssets.PathIn(weekFolder, fileName!), bytes));
        return check.Ok
            ? new(check.Asset, [])
            : new(null, [.. check.Errors.Select(e => e.Line > 1 ? $"{fileName}, line {e.Line}: {e.Message}" : $"{fileName}: {e.Message}")]);
    }
}
