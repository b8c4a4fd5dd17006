using LlmCourse.Core.Content;
using LlmCourse.Web.Content;

namespace LlmCourse.Web.Instructor;

/// <summary>A file rendered as the site would render it, with the problems the loader finds in it.</summary>
public sealed record PreviewResult(PreviewContent Content, IReadOnlyList<ContentError> Errors);

/// <summary>What the file parsed to, shown by Components/Instructor/ItemPreviewView.razor; nothing when it did not parse.</summary>
public sealed record PreviewContent(Course? Course = null, Week? Week = null, CourseItem? Item = null, Glossary? Glossary = null);

/// <summary>
/// Renders one file's unsaved text as the site would (parsed on its own by the loader's rules) for the
/// editor's preview, with the problems the loader finds in it. Nothing is stored.
/// </summary>
public static class ItemPreview
{
    public static PreviewResult Render(CourseStore store, string path, string text)
    {
        ArgumentNullException.ThrowIfNull(store);
        path = ContentRepository.Normalize(path ?? "");
        var file = new ContentFile(path, text ?? "");

        // The week's stored images, so the preview shows them and their problems as the published page would.
        var current = store.Current;
        var folder = ContentRules.WeekFolderOf(path);
        var assets = current.Assets.Values.Where(a => a.Folder == folder).ToDictionary(a => a.Path, StringComparer.Ordinal);
        var content = new PreviewContent();
        var errors = new List<ContentError>();
        if (path == ContentRules.GlossaryFile)
        {
            var parsed = CourseLoader.ParseGlossary(file);
            errors.AddRange(parsed.Errors);
            content = new PreviewContent(Glossary: parsed.Value ?? Glossary.Empty);
        }
        else if (path == ContentRules.CourseFile)
        {
            var parsed = CourseLoader.ParseCourse(file);
            errors.AddRange(parsed.Errors);
            if (parsed.Value is { } course)
            {
                content = new PreviewContent(Course: course);
            }
        }
        else if (ContentRules.IsWeekFile(path))
        {
            var parsed = CourseLoader.ParseWeek(file, assets);
            errors.AddRange(parsed.Errors);
            if (parsed.Value is { } week)
            {
                errors.AddRange(PublishValidator.CheckImages(path, week.Images, current));
                content = new PreviewContent(Week: week);
            }
        }
        else
        {
            // With the course's glossary, so terms link as they will on the site.
            var parsed = CourseLoader.ParseItem(file, assets, current.Glossary);
            errors.AddRange(parsed.Errors);
            if (parsed.Value is { } item)
            {
                errors.AddRange(PublishValidator.CheckImages(path, item.Images, current));
                content = new PreviewContent(Item: item);
            }
        }

        return new PreviewResult(content, [.. errors.OrderBy(e => e.Line)]);
    }
}
