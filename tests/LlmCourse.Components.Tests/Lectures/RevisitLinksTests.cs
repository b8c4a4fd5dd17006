using LlmCourse.Core.Content;
using LlmCourse.Web.Components.Lectures;

namespace LlmCourse.Components.Tests.Lectures;

public sealed class RevisitLinksTests : BunitContext
{
    private static readonly Lecture Lecture = new()
    {
        Id = "lecture", Title = "Fine-tuning", Kind = ItemKind.Lecture, SourceFile = "l.md", Markdown = "", Revision = "1", Slides = [],
    };

    private static readonly Notes Notes = new()
    {
        Id = "class notes", Title = "Class notes", Kind = ItemKind.Notes, SourceFile = "n.md", Markdown = "", Revision = "1",
        Html = "", Toc = [], WordCount = 0, ReadingMinutes = 1, Text = "",
    };

    [Fact]
    public void RevisitLinks_SlidesOnly_SlideLinksUnderSlidesHeading()
    {
        var cut = Render<RevisitLinks>(ps => ps
            .Add(p => p.Parts, [new RevisitPart(7, Lecture, 5, null, "What fine-tuning changes"), new RevisitPart(7, Lecture, 12, null, "Limits")])
            .Add(p => p.Intro, "You missed 3 questions."));

        cut.MarkupMatches("""
            <section class="card revisit" aria-labelledby="revisit-heading">
              <h2 id="revisit-heading">Revisit these slides</h2>
              <p class="meta">You missed 3 questions.</p>
              <ul class="revisit-list">
                <li><a href="/weeks/7/lecture/slides/5">Fine-tuning, slide 5: What fine-tuning changes</a></li>
                <li><a href="/weeks/7/lecture/slides/12">Fine-tuning, slide 12: Limits</a></li>
              </ul>
            </section>
            """);
    }

    [Fact]
    public void RevisitLinks_WithSection_LinksToTheNotesAnchorAndSaysSections()
    {
        var cut = Render<RevisitLinks>(ps => ps
            .Add(p => p.Parts, [new RevisitPart(2, Lecture, 1, null, "Intro"), new RevisitPart(2, Notes, null, "peft", "PEFT")])
            .Add(p => p.Intro, "x")
            .Add(p => p.HeadingId, "revisit-test"));

        Assert.Equal("Revisit these slides and sections", cut.Find("h2#revisit-test").TextContent);
        Assert.Equal("revisit-test", cut.Find("section").GetAttribute("aria-labelledby"));
        var links = cut.FindAll("a");
        Assert.Equal("/weeks/2/lecture/slides/1", links[0].GetAttribute("href"));
        Assert.Equal("/weeks/2/class%20notes#peft", links[1].GetAttribute("href"));
        Assert.Equal("Class notes: PEFT", links[1].TextContent);
    }

    [Fact]
    public void RevisitLinks_NothingToRevisit_RendersNothing()
    {
        var cut = Render<RevisitLinks>(ps => ps.Add(p => p.Parts, []).Add(p => p.Intro, "x"));

        Assert.Equal("", cut.Markup.Trim());
    }

    [Fact]
    public void RevisitLinks_TitleWithMarkup_IsText()
    {
        var cut = Render<RevisitLinks>(ps => ps
            .Add(p => p.Parts, [new RevisitPart(7, Lecture, 1, null, "<script>alert(1)</script>")])
            .Add(p => p.Intro, "<b>x</b>"));

        Assert.Empty(cut.FindAll("script, b"));
        Assert.Equal("Fine-tuning, slide 1: <script>alert(1)</script>", cut.Find("a").TextContent);
    }
}
