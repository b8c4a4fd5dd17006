using LlmCourse.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace LlmCourse.BrowserTests.Api;

[Collection(BrowserCollection.Name)]
public sealed class SwaggerUiTests(BrowserFixture browser) : BrowserTest
{
    protected override BrowserFixture Fixture => browser;

    [Fact]
    public async Task SwaggerUi_RendersTheOperations_UnderTheSiteSecurityPolicy()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/swagger");
        await Assertions.Expect(page.Locator(".opblock").First).ToBeVisibleAsync();
        Assert.True(await page.Locator(".opblock").CountAsync() >= 5);
    }
}
