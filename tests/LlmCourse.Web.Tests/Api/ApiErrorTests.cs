using System.Net;
using System.Net.Http.Headers;
using System.Text;
using LlmCourse.Web.Tests.Infrastructure;

namespace LlmCourse.Web.Tests.Api;

/// <summary>
/// Issue 13, finding 8: a 500 or an HTML page where a 4xx problem belongs. Every error under /api/v1 is
/// <c>application/problem+json</c>, whoever produces it (endpoint, routing, binding, size limit, authentication).
/// </summary>
public sealed class ApiErrorTests(CourseAppFactory factory) : IClassFixture<CourseAppFactory>
{
    private const string Preview = "/api/v1/instructor/preview";
    private const string Review = "/api/v1/me/study/reviews/review-1";

    [Theory]
    [InlineData("{")]
    [InlineData("[1]")]
    [InlineData("{\"path\":5,\"text\":[]}")]
    [InlineData("\"just a string\"")]
    public async Task Preview_UnreadableJson_Is400Problem(string body)
    {
        var (client, csrf) = await InstructorAsync();
        var response = await SendAsync(client, HttpMethod.Post, Preview, body, csrf);
        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ApiBody_OverTheSizeLimit_Is413Problem()
    {
        var (instructor, csrf) = await InstructorAsync();
        var huge = "{\"path\":\"weeks/07-fine-tuning-large-language-models/01-lecture.md\",\"text\":\"" + new string('x', 10 * 1024 * 1024) + "\"}";
        await AssertProblemAsync(await SendAsync(instructor, HttpMethod.Post, Preview, huge, csrf), HttpStatusCode.RequestEntityTooLarge);

        var (learner, learnerCsrf) = await LearnerAsync();
        var review = "{\"week\":7,\"deckId\":\"flashcards\",\"cardId\":\"what-is-fine-tuning\",\"rating\":\"" + new string('x', 10 * 1024 * 1024) + "\"}";
        await AssertProblemAsync(await SendAsync(learner, HttpMethod.Put, Review, review, learnerCsrf), HttpStatusCode.RequestEntityTooLarge);
    }

    [Theory]
    [InlineData("{")]
    [InlineData("{\"week\":\"seven\"}")]
    [InlineData("[]")]
    public async Task StudyReview_MalformedJson_Is400Problem(string body)
    {
        var (learner, csrf) = await LearnerAsync();
        await AssertProblemAsync(await SendAsync(learner, HttpMethod.Put, Review, body, csrf), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task StudyReview_JsonSentAsPlainText_Is415Problem()
    {
        var (learner, csrf) = await LearnerAsync();
        var response = await SendAsync(learner, HttpMethod.Put, Review, "{\"week\":7,\"deckId\":\"flashcards\",\"cardId\":\"what-is-fine-tuning\",\"rating\":\"good\"}", csrf, "text/plain");
        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Theory]
    [InlineData("DELETE", "/api/v1/course", "GET")]
    [InlineData("POST", "/api/v1/me/progress", "GET")]
    [InlineData("GET", Preview, "POST")]
    [InlineData("PATCH", "/api/v1/me/progress/weeks/7/items/lecture/completion", "PUT")]
    public async Task Api_UnsupportedMethod_Is405ProblemWithAllow(string method, string url, string allowed)
    {
        var (learner, csrf) = await LearnerAsync();
        var response = await SendAsync(learner, new HttpMethod(method), url, null, csrf);
        await AssertProblemAsync(response, HttpStatusCode.MethodNotAllowed);
        Assert.Contains(allowed, response.Content.Headers.Allow);
    }

    [Theory]
    [InlineData("/api/v1/nothing-here")]
    [InlineData("/api/v2/course")]
    [InlineData("/api")]
    public async Task Api_UnknownAddress_Is404Problem(string url) =>
        await AssertProblemAsync(await factory.CreateClient().GetAsync(url), HttpStatusCode.NotFound);

    [Fact]
    public async Task Api_ErrorsAskedForByABrowser_AreStillProblemJson()
    {
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        foreach (var (url, status) in new[] { ("/api/v1/me/progress", HttpStatusCode.Unauthorized), ("/api/v1/nothing-here", HttpStatusCode.NotFound) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml;q=0.9");
            await AssertProblemAsync(await client.SendAsync(request), status);
        }
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {body[..Math.Min(300, body.Length)]}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"\"status\":{(int)expected}", body);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string url, string? body, string csrf, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Add("X-CSRF-TOKEN", csrf);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType) { CharSet = "utf-8" };
        }

        return await client.SendAsync(request);
    }

    private async Task<(HttpClient Client, string Csrf)> InstructorAsync()
    {
        var client = await TestAccounts.InstructorAsync(factory);
        return (client, await TestAccounts.AntiforgeryTokenAsync(client, "/dashboard"));
    }

    private async Task<(HttpClient Client, string Csrf)> LearnerAsync()
    {
        var client = await TestAccounts.RegisterAsync(factory);
        return (client, await TestAccounts.AntiforgeryTokenAsync(client, "/dashboard"));
    }
}
