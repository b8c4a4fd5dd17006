namespace LlmCourse.Core.Content;

public static partial class PublishValidator
{
    /// <summary>
    /// What blocks publishing in the images of one file: an image without alt text (learners who cannot see it
    /// would get nothing), an address that is not an image of the file's own week, or an image that is missing
    /// or was refused. Each problem names the file and the line of the image.
    /// </summary>
    /// <param name="file">The Markdown file, like <c>weeks/07-fine-tuning/01-lecture.md</c>.</param>
    /// <param name="images">The images found when the file was parsed.</param>
    /// <param name="snapshot">The course, whose errors tell a refused image from a missing one.</param>
    public static IEnumerable<ContentError> CheckImages(string file, IReadOnlyList<ImageReference> images, CourseSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(snapshot);
        var folder = file.Split('/') is ["weeks", var f, ..] ? f : null;
        foreach (var image in images)
        {
            var shown = image.Source.Length == 0 ? "with no address" : image.Source;
            if (string.IsNullOrWhiteSpace(image.Alt))
            {
                yield return new ContentError(file, image.Line, $"The image {shown} has no alt text: describe what it shows inside the brackets, like ![The layers of a language model]({image.Source}).");
            }

            if (image.Found)
            {
                continue;
            }

            var expected = folder is null ? null : CourseAssets.PathIn(folder, Path.GetFileName(image.Path ?? image.Source));
            if (image.Path is null)
            {
                yield return new ContentError(file, image.Line, $"The image {shown} is not stored with the course: the site shows only images from the week's {CourseAssets.ImagesFolder}/ folder. Upload it there and write ![…]({CourseAssets.ImagesFolder}/name.svg).");
            }
            else if (folder is null || CourseAssets.SplitPath(image.Path) is not { } place || place.Folder != folder)
            {
                yield return new ContentError(file, image.Line, $"The image {shown} is not in this week's {CourseAssets.ImagesFolder}/ folder: images live beside the week's Markdown, at {expected ?? $"weeks/NN-slug/{CourseAssets.ImagesFolder}/name.svg"}.");
            }
            else if (snapshot.Errors.Any(e => e.File == image.Path))
            {
                yield return new ContentError(file, image.Line, $"The image {shown} was refused: see the problem reported for {image.Path}.");
            }
            else
            {
                yield return new ContentError(file, image.Line, $"The image {shown} does not exist: upload {place.Name} to this week's images (it would be {image.Path}), or correct the address.");
            }
        }
    }
}
