using LlmCourse.Web.Components.Hosting;

namespace LlmCourse.Components.Tests.Hosting;

public sealed class DatabaseUnavailablePageTests : BunitContext
{
    [Fact]
    public void DatabaseUnavailablePage_RetryAfter_SaysTheWaitInWordsAndLinksHome()
    {
        var cut = Render<DatabaseUnavailablePage>(ps => ps.Add(p => p.RetryAfterSeconds, 7));

        Assert.Equal("Temporarily unavailable", cut.Find("h1").TextContent);
        Assert.Equal("503", cut.Find("p.status-code").TextContent);
        Assert.Contains("Please try again in 7 seconds.", cut.Find("main#main").TextContent, StringComparison.Ordinal);
        Assert.Equal("/", cut.Find("main a").GetAttribute("href"));
        Assert.StartsWith("<!DOCTYPE html>", cut.Markup.TrimStart(), StringComparison.OrdinalIgnoreCase);
    }
}
