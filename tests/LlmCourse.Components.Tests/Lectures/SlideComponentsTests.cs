using LlmCourse.Core.Content;
using LlmCourse.Web.Components.Lectures;
using LlmCourse.Web.Lab;

namespace LlmCourse.Components.Tests.Lectures;

public sealed class SlideComponentsTests : BunitContext
{
    private static readonly Slide Slide = new(6, "When to fine-tune", "<ul><li>Cost</li></ul>", "<p>Let us talk <em>money</em>.</p>", "Let us talk money.");

    [Fact]
    public void SlideView_InTheSlidePage_TitleIsAnH2AndLabAsideFollowsTheBody()
    {
        var link = new LabLink(7, "lecture", null, 6, LabTools.Economics, "Work out when fine-tuning pays.");

        var cut = Render<SlideView>(ps => ps.Add(p => p.Slide, Slide).Add(p => p.LabLinks, [link]));

        cut.MarkupMatches("""
            <section class="slide" aria-labelledby="slide-title">
              <h2 id="slide-title">When to fine-tune</h2>
              <div class="slide-body prose"><ul><li>Cost</li></ul></div>
              <aside class="lab-aside" aria-label="Try it in the Lab: Fine-tuning economics">
                <p><span class="lab-aside-label">Try it in the Lab:</span> <a href="/lab/economics" data-lab-link="economics">Fine-tuning economics</a>. Work out when fine-tuning pays.</p>
              </aside>
            </section>
            """);
    }

    [Fact]
    public void SlideView_Embedded_CounterThenTitleAsTheH1AndNoAsides()
    {
        var cut = Render<SlideView>(ps => ps.Add(p => p.Slide, Slide).Add(p => p.HeadingLevel, 1).Add(p => p.Counter, "Slide 6 of 13"));

        cut.MarkupMatches("""
            <section class="slide" aria-labelledby="slide-title">
              <p class="slide-counter">Slide 6 of 13</p>
              <h1 id="slide-title">When to fine-tune</h1>
              <div class="slide-body prose"><ul><li>Cost</li></ul></div>
            </section>
            """);
    }

    [Fact]
    public void SlideTranscript_WithHeading_SectionLabelledByItsH2()
    {
        var cut = Render<SlideTranscript>(ps => ps.Add(p => p.Html, Slide.TranscriptHtml).Add(p => p.WithHeading, true));

        cut.MarkupMatches("""
            <section class="transcript prose" aria-labelledby="transcript-heading">
              <h2 id="transcript-heading">Transcript</h2>
              <p>Let us talk <em>money</em>.</p>
            </section>
            """);
    }

    [Fact]
    public void SlideTranscript_WithoutHeading_SectionNamedByItsLabel()
    {
        var cut = Render<SlideTranscript>(ps => ps.Add(p => p.Html, Slide.TranscriptHtml));

        cut.MarkupMatches("""
            <section class="transcript prose" aria-label="Transcript"><p>Let us talk <em>money</em>.</p></section>
            """);
        Assert.Empty(cut.FindAll("h2"));
    }

    [Fact]
    public void SlideView_InThePrintableWeek_NumberedH3WithItsTranscriptUnderAnH4OfItsOwn()
    {
        var cut = Render<SlideView>(ps => ps
            .Add(p => p.Slide, Slide)
            .Add(p => p.Class, "print-slide")
            .Add(p => p.HeadingLevel, 3)
            .Add(p => p.TitleId, "lecture-slide-6")
            .Add(p => p.Numbered, true)
            .Add(p => p.TranscriptHtml, Slide.TranscriptHtml)
            .Add(p => p.TranscriptHeadingId, "lecture-slide-6-transcript"));

        cut.MarkupMatches("""
            <section class="print-slide" aria-labelledby="lecture-slide-6">
              <h3 id="lecture-slide-6"><span class="meta slide-number">Slide 6</span> When to fine-tune</h3>
              <div class="slide-body prose"><ul><li>Cost</li></ul></div>
              <section class="transcript prose" aria-labelledby="lecture-slide-6-transcript">
                <h4 id="lecture-slide-6-transcript">Transcript</h4>
                <p>Let us talk <em>money</em>.</p>
              </section>
            </section>
            """);
    }

    [Fact]
    public void SlideView_InTheWholeTranscript_NumberedTitleLinksToTheSlideAndTranscriptIsLabelled()
    {
        var cut = Render<SlideView>(ps => ps
            .Add(p => p.Slide, Slide)
            .Add(p => p.Class, "transcript-slide")
            .Add(p => p.TitleId, "slide-6-title")
            .Add(p => p.Numbered, true)
            .Add(p => p.TitleHref, "/weeks/7/lecture/slides/6")
            .Add(p => p.TranscriptHtml, Slide.TranscriptHtml));

        cut.MarkupMatches("""
            <section class="transcript-slide" aria-labelledby="slide-6-title">
              <h2 id="slide-6-title"><span class="meta slide-number">Slide 6</span> <a href="/weeks/7/lecture/slides/6">When to fine-tune</a></h2>
              <div class="slide-body prose"><ul><li>Cost</li></ul></div>
              <section class="transcript prose" aria-label="Transcript"><p>Let us talk <em>money</em>.</p></section>
            </section>
            """);
    }

    [Fact]
    public void SlideTranscript_HeadingLevelAndId_NameTheSectionByThatHeading()
    {
        var cut = Render<SlideTranscript>(ps => ps.Add(p => p.Html, "<p>x</p>").Add(p => p.WithHeading, true).Add(p => p.HeadingLevel, 3).Add(p => p.HeadingId, "t-3"));

        cut.MarkupMatches("""<section class="transcript prose" aria-labelledby="t-3"><h3 id="t-3">Transcript</h3><p>x</p></section>""");
    }
}
