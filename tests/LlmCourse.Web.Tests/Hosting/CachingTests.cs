using LlmCourse.Web.Tests.Infrastructure;

namespace LlmCourse.Web.Tests.Hosting;

public sealed class CachingTests(CourseAppFactory factory) : IClassFixture<CourseAppFactory>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/weeks/7")]
    [InlineData("/weeks/7/lecture/slides/3")]
    [InlineData("/weeks/2/class-notes")]
    public async Task AnonymousCoursePage_IsServedFromTheCache_TheSecondTime(string url)
    {
        var client = factory.CreateClient();
        var first = await client.GetAsync(url);
        var second = await client.GetAsync(url);
        Assert.Null(first.Headers.Age);
        Assert.NotNull(second.Headers.Age);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.False(second.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task SignedInPages_AreNeverCached()
    {
        var client = await TestAccounts.RegisterAsync(factory);
        await client.GetAsync("/weeks/7/lecture/slides/4");
        var again = await client.GetAsync("/weeks/7/lecture/slides/4");
        Assert.Null(again.Headers.Age);
        Assert.Contains("You have seen 1 of 13 slides.", await again.Content.ReadAsStringAsync());
    }
}
