using LlmCourse.Web.Components.Navigation;

namespace LlmCourse.Components.Tests.Navigation;

public sealed class PagerTests : BunitContext
{
    [Fact]
    public void Pager_BothNeighbours_PrevAndNextLinksNamingWhereTheyLead()
    {
        var cut = Render<Pager>(ps => ps
            .Add(p => p.Label, "Items in this week")
            .Add(p => p.Previous, new PagerLink("Lecture", "/weeks/2/lecture"))
            .Add(p => p.Next, new PagerLink("Quiz", "/weeks/2/quiz")));

        cut.MarkupMatches("""
            <nav class="pager" aria-label="Items in this week">
              <a class="pager-prev" rel="prev" href="/weeks/2/lecture"><span>Previous</span> Lecture</a>
              <a class="pager-next" rel="next" href="/weeks/2/quiz"><span>Next</span> Quiz</a>
            </nav>
            """);
    }

    [Fact]
    public void Pager_FirstItem_HasNoPreviousLink()
    {
        var cut = Render<Pager>(ps => ps
            .Add(p => p.Label, "Items in this week")
            .Add(p => p.Next, new PagerLink("Quiz", "/weeks/2/quiz")));

        Assert.Empty(cut.FindAll("[rel=prev]"));
        cut.Find("a").MarkupMatches("""<a class="pager-next" rel="next" href="/weeks/2/quiz"><span>Next</span> Quiz</a>""");
    }

    [Fact]
    public void Pager_LastItem_HasNoNextLink()
    {
        var cut = Render<Pager>(ps => ps
            .Add(p => p.Label, "Items in this week")
            .Add(p => p.Previous, new PagerLink("Lecture", "/weeks/2/lecture")));

        Assert.Empty(cut.FindAll("[rel=next]"));
        cut.Find("a").MarkupMatches("""<a class="pager-prev" rel="prev" href="/weeks/2/lecture"><span>Previous</span> Lecture</a>""");
    }

    [Fact]
    public void SlideNav_MiddleSlideWithKeys_BothButtonsWithScriptHooksAndShortcuts()
    {
        var cut = Render<SlideNav>(ps => ps
            .Add(p => p.PreviousHref, "/weeks/7/lecture/slides/6")
            .Add(p => p.NextHref, "/weeks/7/lecture/slides/8")
            .Add(p => p.KeyboardShortcuts, true)
            .Add(p => p.ShowDisabledPrevious, true)
            .Add(p => p.Finish, new PagerLink("Back to week 7", "/weeks/7")));

        cut.MarkupMatches("""
            <nav class="slide-nav" aria-label="Slides">
              <a class="button" rel="prev" data-prev href="/weeks/7/lecture/slides/6" aria-keyshortcuts="ArrowLeft">← Previous</a>
              <a class="button primary" rel="next" data-next href="/weeks/7/lecture/slides/8" aria-keyshortcuts="ArrowRight">Next →</a>
            </nav>
            """);
        // The page's integration test and lecture.js rely on this exact attribute order and the bare data- hooks.
        Assert.Contains("href=\"/weeks/7/lecture/slides/6\" aria-keyshortcuts=\"ArrowLeft\"", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void SlideNav_FirstSlide_DisabledPreviousThatIsNotALink()
    {
        var cut = Render<SlideNav>(ps => ps
            .Add(p => p.NextHref, "/weeks/7/lecture/slides/2")
            .Add(p => p.KeyboardShortcuts, true)
            .Add(p => p.ShowDisabledPrevious, true));

        cut.MarkupMatches("""
            <nav class="slide-nav" aria-label="Slides">
              <span class="button disabled" aria-disabled="true">← Previous</span>
              <a class="button primary" rel="next" data-next href="/weeks/7/lecture/slides/2" aria-keyshortcuts="ArrowRight">Next →</a>
            </nav>
            """);
        Assert.Empty(cut.FindAll("[rel=prev], [data-prev]"));
    }

    [Fact]
    public void SlideNav_LastSlide_FinishLinkInsteadOfNext()
    {
        var cut = Render<SlideNav>(ps => ps
            .Add(p => p.PreviousHref, "/weeks/7/lecture/slides/12")
            .Add(p => p.KeyboardShortcuts, true)
            .Add(p => p.ShowDisabledPrevious, true)
            .Add(p => p.Finish, new PagerLink("Back to week 7", "/weeks/7")));

        cut.MarkupMatches("""
            <nav class="slide-nav" aria-label="Slides">
              <a class="button" rel="prev" data-prev href="/weeks/7/lecture/slides/12" aria-keyshortcuts="ArrowLeft">← Previous</a>
              <a class="button primary" href="/weeks/7">Back to week 7</a>
            </nav>
            """);
        Assert.Empty(cut.FindAll("[rel=next], [data-next]"));
    }

    [Fact]
    public void SlideNav_EmbeddedOnlySlide_NoButtonsNoShortcutsJustTheWayIntoTheCourse()
    {
        var cut = Render<SlideNav>(ps => ps
            .Add(p => p.OpenElsewhere, new PagerLink("Open in course", "/weeks/7/lecture/slides/1")));

        cut.MarkupMatches("""
            <nav class="slide-nav" aria-label="Slides">
              <a class="button" target="_blank" rel="noopener" href="/weeks/7/lecture/slides/1">Open in course</a>
            </nav>
            """);
    }

    [Fact]
    public void SlideNav_EmbeddedMiddleSlide_ButtonsWithoutShortcutsThenOpenInCourse()
    {
        var cut = Render<SlideNav>(ps => ps
            .Add(p => p.PreviousHref, "/embed/weeks/7/lecture/slides/3")
            .Add(p => p.NextHref, "/embed/weeks/7/lecture/slides/5")
            .Add(p => p.OpenElsewhere, new PagerLink("Open in course", "/weeks/7/lecture/slides/4")));

        cut.MarkupMatches("""
            <nav class="slide-nav" aria-label="Slides">
              <a class="button" rel="prev" data-prev href="/embed/weeks/7/lecture/slides/3">← Previous</a>
              <a class="button primary" rel="next" data-next href="/embed/weeks/7/lecture/slides/5">Next →</a>
              <a class="button" target="_blank" rel="noopener" href="/weeks/7/lecture/slides/4">Open in course</a>
            </nav>
            """);
        Assert.Empty(cut.FindAll("[aria-keyshortcuts]"));
    }
}
