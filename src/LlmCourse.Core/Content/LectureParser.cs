using Markdig.Syntax;

namespace LlmCourse.Core.Content;

/// <summary>Lecture: each <c>##</c> is a slide; <c>### Transcript</c> inside it starts what the lecturer says.</summary>
internal static class LectureParser
{
    public static Lecture Parse(SourceDocument document, ItemHeader header, Glossary glossary)
    {
        var (_, sections) = Sections.Split(document.Body);
        if (sections.Count == 0)
        {
            document.AddError(1, "A lecture needs at least one slide: a '##' heading followed by its content and a '### Transcript'.");
        }

        var slides = new List<Slide>();
        foreach (var section in sections)
        {
            var slide = ParseSlide(document, section, slides.Count + 1, glossary, header.Id);
            if (slide is not null)
            {
                slides.Add(slide);
            }
        }

        return new Lecture
        {
            Id = header.Id,
            Title = header.Title,
            Kind = ItemKind.Lecture,
            Summary = header.Summary,
            Tags = header.Tags,
            SourceFile = header.SourceFile,
            Markdown = header.Markdown,
            Revision = header.Revision,
            Slides = slides,
        };
    }

    private static Slide? ParseSlide(SourceDocument document, Section section, int number, Glossary glossary, string lectureId)
    {
        var title = CourseMarkdown.PlainText(section.Heading.Inline);
        var transcriptAt = -1;
        for (var i = 0; i < section.Blocks.Count; i++)
        {
            if (section.Blocks[i] is HeadingBlock { Level: 3 } h3 && IsTranscriptHeading(h3))
            {
                if (transcriptAt >= 0)
                {
                    document.AddError(h3, $"Slide '{title}' has a second '### Transcript'.");
                    return null;
                }

                transcriptAt = i;
            }
        }

        if (transcriptAt < 0)
        {
            document.AddError(section.Line, $"Slide '{title}' has no '### Transcript' section.");
            return null;
        }

        var body = section.Blocks.Take(transcriptAt).ToList();
        var transcript = section.Blocks.Skip(transcriptAt + 1).ToList();
        if (transcript.Count == 0)
        {
            document.AddError(section.Blocks[transcriptAt], $"The transcript of slide '{title}' is empty.");
            return null;
        }

        // One scope per slide: a term is linked once, in the bullets or else in the transcript.
        var transcriptText = CourseMarkdown.PlainText(transcript);
        GlossaryMarkup.Link(glossary, body.Concat(transcript), [lectureId, $"s{number}"]);
        return new Slide(
            number,
            title,
            CourseMarkdown.RenderBlocks(body),
            CourseMarkdown.RenderBlocks(transcript),
            transcriptText);
    }

    private static bool IsTranscriptHeading(HeadingBlock heading) =>
        string.Equals(CourseMarkdown.PlainText(heading.Inline), "Transcript", StringComparison.OrdinalIgnoreCase);
}
