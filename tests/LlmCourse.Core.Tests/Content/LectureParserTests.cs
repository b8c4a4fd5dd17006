using LlmCourse.Core.Content;

namespace LlmCourse.Core.Tests.Content;

public sealed class LectureParserTests
{
    private const string File = Fixtures.ItemPath;

    [Fact]
    public void Parse_Lecture_SplitsSlidesAndTranscripts()
    {
        var lecture = Fixtures.Item<Lecture>("""
            ---
            kind: lecture
            title: Fine-Tuning Large Language Models
            tags: [fine-tuning, openai]
            ---
            Ignored preamble.

            ## Fine-tuning changes the weights

            - Developers supply extra inputs and outputs
            - The network's weights move to fit them

            ### Transcript

            In fine-tuning, you give the model *additional* examples.

            ## Second slide

            Body two.

            ### Transcript

            Said over slide two.
            """);

        Assert.Equal(2, lecture.Slides.Count);
        var first = lecture.Slides[0];
        Assert.Equal(1, first.Number);
        Assert.Equal("Fine-tuning changes the weights", first.Title);
        Assert.Equal("<ul>\n<li>Developers supply extra inputs and outputs</li>\n<li>The network's weights move to fit them</li>\n</ul>", first.BodyHtml);
        Assert.Equal("<p>In fine-tuning, you give the model <em>additional</em> examples.</p>", first.TranscriptHtml);
        Assert.Equal("In fine-tuning, you give the model additional examples.", first.TranscriptText);
        Assert.Equal(2, lecture.Slides[1].Number);
        Assert.DoesNotContain("Ignored", first.BodyHtml, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SlideWithoutTranscript_ReportsSlideHeadingLine()
    {
        var errors = Fixtures.Errors("""
            ---
            kind: lecture
            title: L
            ---

            ## Good slide

            ### Transcript

            Words.

            ## Silent slide

            Nothing said here.
            """);

        Fixtures.HasError(errors, File, 12, "no '### Transcript'");
    }

    [Fact]
    public void Parse_LectureWithoutSlides_ReportsLine1()
    {
        var errors = Fixtures.Errors("---\nkind: lecture\ntitle: L\n---\nJust text.\n");

        Fixtures.HasError(errors, File, 1, "at least one slide");
    }

    [Fact]
    public void Parse_EmptyTranscript_ReportsTranscriptLine()
    {
        var errors = Fixtures.Errors("---\nkind: lecture\ntitle: L\n---\n## Slide\n\nBody\n\n### Transcript\n");

        Fixtures.HasError(errors, File, 9, "empty");
    }
}
