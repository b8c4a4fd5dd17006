using System.Net;
using LlmCourse.Web.Tests.Infrastructure;

namespace LlmCourse.Web.Tests.Deployment;

/// <summary>Two instances behind nginx on one PostgreSQL database, with no sticky sessions.</summary>
[Trait("Category", "Cluster")]
public sealed class ClusterTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task LearnerThroughTheBalancer_IsServedByBothInstances_AndLosesNothingWhenOneDies()
    {
        var jar = new CookieContainer();
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = jar, AllowAutoRedirect = false })
        {
            BaseAddress = new Uri(cluster.BalancerUrl),
        };
        await TestAccounts.RegisterAsync(client);
        for (var slide = 1; slide <= 6; slide++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/weeks/7/lecture/slides/{slide}")).StatusCode);
        }

        var log = await File.ReadAllTextAsync(cluster.AccessLog);
        foreach (var instance in cluster.Instances)
        {
            Assert.Contains($"127.0.0.1:{instance.Port}", log);
        }

        // A state-changing API call with the cookie and antiforgery token issued by whichever instance answered.
        var token = await TestAccounts.AntiforgeryTokenAsync(client, "/dashboard");
        for (var i = 0; i < 2; i++)
        {
            using var complete = new HttpRequestMessage(HttpMethod.Put, "/api/v1/me/progress/weeks/2/items/class-notes/completion");
            complete.Headers.Add("X-CSRF-TOKEN", token);
            Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(complete)).StatusCode);
        }

        cluster.Instances[0].Kill();
        try
        {
            for (var slide = 7; slide <= 9; slide++)
            {
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/weeks/7/lecture/slides/{slide}")).StatusCode);
            }

            Assert.Equal("/weeks/7/lecture/slides/9", (await client.GetAsync("/weeks/7/lecture")).Headers.Location?.OriginalString);
            var dashboard = await client.GetStringAsync("/dashboard");
            Assert.Contains("data-week=\"2\" data-done=\"1\"", dashboard);
        }
        finally
        {
            cluster.Instances[0].Start();
            await cluster.Instances[0].WaitReadyAsync();
        }

        // The restarted instance reads the same key ring and data: the cookie still works there, asked directly.
        using var direct = new HttpClient(new HttpClientHandler { CookieContainer = jar, AllowAutoRedirect = false }) { BaseAddress = new Uri(cluster.Instances[0].Url) };
        var resumed = await direct.GetAsync("/weeks/7/lecture");
        Assert.Equal("/weeks/7/lecture/slides/9", resumed.Headers.Location?.OriginalString);
    }
}
