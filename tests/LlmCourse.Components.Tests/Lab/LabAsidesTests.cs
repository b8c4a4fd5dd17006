using LlmCourse.Web.Components.Lab;
using LlmCourse.Web.Lab;

namespace LlmCourse.Components.Tests.Lab;

public sealed class LabAsidesTests : BunitContext
{
    private static readonly LabLink Economics = new(7, "lecture", null, 6, LabTools.Economics, "Work out when fine-tuning pays.");

    [Fact]
    public void LabAsides_OneLink_RendersLabelledAsideWithToolLink()
    {
        var cut = Render<LabAsides>(ps => ps.Add(p => p.Links, [Economics with { Query = "a=1&b=2" }]));

        cut.MarkupMatches("""
            <aside class="lab-aside" aria-label="Try it in the Lab: Fine-tuning economics">
              <p><span class="lab-aside-label">Try it in the Lab:</span> <a href="/lab/economics?a=1&amp;b=2" data-lab-link="economics">Fine-tuning economics</a>. Work out when fine-tuning pays.</p>
            </aside>
            """);
    }

    [Fact]
    public void LabAsides_NoLinks_RendersNothing()
    {
        var cut = Render<LabAsides>(ps => ps.Add(p => p.Links, []));

        Assert.Equal("", cut.Markup.Trim());
    }

    [Fact]
    public void LabAsides_TextWithMarkup_IsEncoded()
    {
        var cut = Render<LabAsides>(ps => ps.Add(p => p.Links, [Economics with { Text = "<script>alert(1)</script>" }]));

        Assert.Empty(cut.FindAll("script"));
        Assert.Contains("&lt;script&gt;", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void NotesWithAsides_LinkedSection_AsideClosesThatSectionOnly()
    {
        var html = """<h2 id="a">A</h2><p>one</p><h3 id="a1">A1</h3><p>two</p><h2 id="b">B</h2><p>three</p>""";
        var link = Economics with { Anchor = "a" };

        var cut = Render<NotesWithAsides>(ps => ps.Add(p => p.Html, html).Add(p => p.Links, [link]));

        cut.MarkupMatches("""
            <h2 id="a">A</h2><p>one</p><h3 id="a1">A1</h3><p>two</p>
            <aside class="lab-aside" aria-label="Try it in the Lab: Fine-tuning economics">
              <p><span class="lab-aside-label">Try it in the Lab:</span> <a href="/lab/economics" data-lab-link="economics">Fine-tuning economics</a>. Work out when fine-tuning pays.</p>
            </aside>
            <h2 id="b">B</h2><p>three</p>
            """);
    }

    [Fact]
    public void NotesWithAsides_LastSectionAndMissingAnchor_AsideAtEndAndNoneForMissing()
    {
        var html = """<h2 id="a">A</h2><p>one</p><h2 id="b">B</h2><p>three</p>""";

        var cut = Render<NotesWithAsides>(ps => ps.Add(p => p.Html, html)
            .Add(p => p.Links, [Economics with { Anchor = "b" }, Economics with { Anchor = "gone", Text = "Missing." }]));

        Assert.Single(cut.FindAll("aside"));
        Assert.Equal("three", cut.FindAll("p")[1].TextContent);
        Assert.Equal("aside", cut.Nodes.OfType<AngleSharp.Dom.IElement>().Last().LocalName);
        Assert.DoesNotContain("Missing.", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void SplitNotes_Parts_JoinToOriginal()
    {
        var html = """<h2 id="a">A</h2><p>one</p><h2 id="b">B</h2><p>three</p>""";

        var parts = LabLinks.SplitNotes(html, [Economics with { Anchor = "a" }, Economics with { Anchor = "b" }]);

        Assert.Equal(html, string.Concat(parts.Select(p => p.Html)));
        Assert.Equal([1, 1], parts.Select(p => p.Asides.Count));
    }
}
