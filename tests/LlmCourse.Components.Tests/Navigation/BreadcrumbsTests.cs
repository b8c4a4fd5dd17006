using LlmCourse.Web.Components.Navigation;

namespace LlmCourse.Components.Tests.Navigation;

public sealed class BreadcrumbsTests : BunitContext
{
    [Fact]
    public void Breadcrumbs_Trail_LinksEachStepInOrderAndMarksTheCurrentPageUnlinked()
    {
        var cut = Render<Breadcrumbs>(ps => ps
            .Add(p => p.Trail, [Crumb.Weeks, Crumb.Week(3), new Crumb("Attention & scaling", "/weeks/3/lecture")])
            .Add(p => p.Current, "Transcript"));

        cut.MarkupMatches("""
            <nav aria-label="Breadcrumb" class="breadcrumb">
              <ol>
                <li><a href="/">Weeks</a></li>
                <li><a href="/weeks/3">Week 3</a></li>
                <li><a href="/weeks/3/lecture">Attention &amp; scaling</a></li>
                <li aria-current="page">Transcript</li>
              </ol>
            </nav>
            """);
    }

    [Fact]
    public void Breadcrumbs_NoTrail_OnlyTheCurrentPage()
    {
        var cut = Render<Breadcrumbs>(ps => ps.Add(p => p.Current, "Week 1"));

        cut.MarkupMatches("""
            <nav aria-label="Breadcrumb" class="breadcrumb"><ol><li aria-current="page">Week 1</li></ol></nav>
            """);
        Assert.Empty(cut.FindAll("a"));
    }

    [Fact]
    public void Breadcrumbs_TextWithMarkup_IsEncodedNotInterpreted()
    {
        var cut = Render<Breadcrumbs>(ps => ps
            .Add(p => p.Trail, [new Crumb("<b>Thread</b>", "/discussion/1")])
            .Add(p => p.Current, "<i>Edit</i>"));

        Assert.Empty(cut.FindAll("b, i"));
        Assert.Equal("<b>Thread</b>", cut.Find("a").TextContent);
        Assert.Equal("<i>Edit</i>", cut.Find("li[aria-current=page]").TextContent);
    }

    [Fact]
    public void Crumb_SharedSteps_PointWhereThePagesAre()
    {
        Assert.Equal(new Crumb("Weeks", "/"), Crumb.Weeks);
        Assert.Equal(new Crumb("Instructor", "/instructor"), Crumb.Instructor);
        Assert.Equal(new Crumb("Lab", "/lab"), Crumb.Lab);
        Assert.Equal(new Crumb("Week 12", "/weeks/12"), Crumb.Week(12));
        Assert.Equal(new Crumb("Week 12", "/instructor/weeks/12"), Crumb.InstructorWeek(12));
    }
}
