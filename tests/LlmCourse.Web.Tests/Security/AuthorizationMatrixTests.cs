using System.Net;
using System.Reflection;
using LlmCourse.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace LlmCourse.Web.Tests.Security;

/// <summary>
/// Every page, page handler and endpoint × {anonymous, learner, other learner, instructor} with the status
/// each should get. The list of what to check is generated from the app's own endpoints and page models,
/// so a new endpoint or handler without a rule here fails <see cref="EveryEndpoint_HasARule"/>.
/// </summary>
public sealed class AuthorizationMatrixTests(CourseAppFactory factory) : IClassFixture<CourseAppFactory>
{
    /// <summary>Who asks. "Other" is a second learner acting on the first learner's resources.</summary>
    public enum Who
    {
        Anonymous,
        Learner,
        Other,
        Instructor,
    }

    /// <summary>An expected answer: a status, and for redirects where they lead.</summary>
    public sealed record Expect(int Status, string? Location = null)
    {
        public static readonly Expect Ok = new(200);
        public static readonly Expect NoContent = new(204);
        public static readonly Expect SignIn = new(302, "/account/sign-in");
        public static readonly Expect Denied = new(302, "/account/access-denied");
        public static readonly Expect Unauthorized = new(401);
        public static readonly Expect NotFound = new(404);
    }

    /// <param name="Key">"GET /route/pattern" for endpoints, "POST PageModel.Handler" for page handlers.</param>
    /// <param name="Url">A concrete URL; <c>{token}</c> is replaced by an API token id owned by the first learner.</param>
    public sealed record Rule(string Key, string Method, string Url, Expect Anonymous, Expect Learner, Expect Other, Expect Instructor, Dictionary<string, string>? Form = null)
    {
        public Expect For(Who who) => who switch
        {
            Who.Anonymous => Anonymous,
            Who.Learner => Learner,
            Who.Other => Other,
            _ => Instructor,
        };
    }

    private static Rule All(string key, string url, Expect expect) => new(key, key.Split(' ')[0], url, expect, expect, expect, expect);

    private static Rule SignedIn(string key, string url, Expect expect, Dictionary<string, string>? form = null) =>
        new(key, key.StartsWith("GET", StringComparison.Ordinal) ? "GET" : key.Split(' ')[0] == "PUT" ? "PUT" : "POST", url,
            key.Contains("/api/", StringComparison.Ordinal) ? Expect.Unauthorized : Expect.SignIn, expect, expect, expect, form);

    public static readonly IReadOnlyList<Rule> Rules =
    [
        All("GET /", "/", Expect.Ok),
        All("GET /Index", "/Index", Expect.Ok),
        All("GET /weeks/{number:int}", "/weeks/7", Expect.Ok),
        All("GET /weeks/{number:int}/{itemId}", "/weeks/2/class-notes", Expect.Ok),
        new("POST ItemModel.Complete", "POST", "/weeks/2/class-notes?handler=Complete", Expect.SignIn, new(302, "/weeks/2/class-notes"), new(302, "/weeks/2/class-notes"), new(302, "/weeks/2/class-notes")),
        All("GET /weeks/{number:int}/{itemId}/slides/{slide:int}", "/weeks/7/lecture/slides/2", Expect.Ok),
        new("POST SlideModel.Complete", "POST", "/weeks/7/lecture/slides/2?handler=Complete", Expect.SignIn, new(302, "/weeks/7/lecture/slides/2"), new(302, "/weeks/7/lecture/slides/2"), new(302, "/weeks/7/lecture/slides/2")),
        All("GET /weeks/{number:int}/{itemId}/transcript", "/weeks/7/lecture/transcript", Expect.Ok),
        All("GET /embed/weeks/{number:int}/{itemId}/slides/{slide:int}", "/embed/weeks/7/lecture/slides/1", Expect.Ok),
        All("GET /weeks/{week:int}/{itemId}/download", "/weeks/7/lecture/download", Expect.Ok),
        All("GET /error", "/error", new(500)),
        All("POST ErrorModel.", "/error", new(500)),
        All("GET /status/{code:int}", "/status/404", Expect.NotFound),
        All("POST StatusModel.", "/status/404", Expect.NotFound),
        All("GET /healthz", "/healthz", Expect.Ok),
        All("GET /account/register", "/account/register", Expect.Ok),
        All("POST RegisterModel.", "/account/register", Expect.Ok),
        All("GET /account/sign-in", "/account/sign-in", Expect.Ok),
        All("POST SignInModel.", "/account/sign-in", Expect.Ok),
        SignedIn("GET /account/sign-out", "/account/sign-out", Expect.Ok),
        SignedIn("POST SignOutModel.", "/account/sign-out", new(302, "/")),
        All("GET /account/access-denied", "/account/access-denied", new(403)),
        SignedIn("GET /account", "/account", Expect.Ok),
        SignedIn("POST IndexModel.CreateToken", "/account?handler=CreateToken", Expect.Ok, new() { ["name"] = "" }),
        new("POST IndexModel.RevokeToken", "POST", "/account?handler=RevokeToken&id={token}", Expect.SignIn, new(302, "/account"), Expect.NotFound, Expect.NotFound),
        SignedIn("GET /account/change-password", "/account/change-password", Expect.Ok),
        SignedIn("POST ChangePasswordModel.", "/account/change-password", Expect.Ok),
        SignedIn("GET /account/export", "/account/export", Expect.Ok),
        SignedIn("GET /account/reset", "/account/reset", Expect.Ok),
        SignedIn("POST ResetModel.", "/account/reset", Expect.Ok),
        SignedIn("GET /account/delete", "/account/delete", Expect.Ok),
        SignedIn("POST DeleteModel.", "/account/delete", Expect.Ok),
        SignedIn("GET /dashboard", "/dashboard", Expect.Ok),
        new("GET /instructor", "GET", "/instructor", Expect.SignIn, Expect.Denied, Expect.Denied, Expect.Ok),
        All("GET /api/v1/course", "/api/v1/course", Expect.Ok),
        All("GET /api/v1/weeks/{week:int}/items/{itemId}", "/api/v1/weeks/7/items/lecture", Expect.Ok),
        SignedIn("GET /api/v1/me/progress", "/api/v1/me/progress", Expect.Ok),
        SignedIn("PUT /api/v1/me/progress/weeks/{week:int}/items/{itemId}/slides/{slide:int}", "/api/v1/me/progress/weeks/7/items/lecture/slides/3", Expect.NoContent),
        SignedIn("PUT /api/v1/me/progress/weeks/{week:int}/items/{itemId}/completion", "/api/v1/me/progress/weeks/7/items/lecture/completion", Expect.NoContent),
        All("GET /api/{**rest}", "/api/v1/nothing-here", Expect.NotFound),

        // Quizzes. {attempt} is an attempt of the first learner at the week 7 quiz, in progress until
        // "POST ConfirmSubmitModel." submits it, so the rules on it run in this order.
        new("GET /weeks/{number:int}/{quizId}/attempts", "GET", "/weeks/7/quiz/attempts", Expect.SignIn, new(302, "/weeks/7/quiz"), new(302, "/weeks/7/quiz"), new(302, "/weeks/7/quiz")),
        new("POST StartAttemptModel.", "POST", "/weeks/7/quiz/attempts", Expect.SignIn, new(302, "/weeks/7/quiz/attempts/{attempt}"), new(302, "/weeks/7/quiz/attempts/"), new(302, "/weeks/7/quiz/attempts/")),
        new("GET /weeks/{number:int}/{quizId}/attempts/{attemptId}", "GET", "/weeks/7/quiz/attempts/{attempt}", Expect.SignIn, Expect.Ok, Expect.NotFound, Expect.NotFound),
        new("POST AttemptModel.Save", "POST", "/weeks/7/quiz/attempts/{attempt}?handler=Save", Expect.SignIn, new(302, "/weeks/7/quiz/attempts/{attempt}"), Expect.NotFound, Expect.NotFound),
        new("POST AttemptModel.Submit", "POST", "/weeks/7/quiz/attempts/{attempt}?handler=Submit", Expect.SignIn, new(302, "/weeks/7/quiz/attempts/{attempt}/submit"), Expect.NotFound, Expect.NotFound),
        new("GET /weeks/{number:int}/{quizId}/attempts/{attemptId}/submit", "GET", "/weeks/7/quiz/attempts/{attempt}/submit", Expect.SignIn, Expect.Ok, Expect.NotFound, Expect.NotFound),
        SignedIn("GET /api/v1/weeks/{week:int}/quizzes/{quizId}/attempts", "/api/v1/weeks/7/quizzes/quiz/attempts", Expect.Ok),
        SignedIn("POST /api/v1/weeks/{week:int}/quizzes/{quizId}/attempts", "/api/v1/weeks/7/quizzes/quiz/attempts", new(409)),
        new("GET /api/v1/weeks/{week:int}/quizzes/{quizId}/attempts/{attemptId}", "GET", "/api/v1/weeks/7/quizzes/quiz/attempts/{attempt}", Expect.Unauthorized, Expect.Ok, Expect.NotFound, Expect.NotFound),
        new("PUT /api/v1/weeks/{week:int}/quizzes/{quizId}/attempts/{attemptId}/answers", "PUT", "/api/v1/weeks/7/quizzes/quiz/attempts/{attempt}/answers", Expect.Unauthorized, new(400), Expect.NotFound, Expect.NotFound),
        new("GET /api/v1/weeks/{week:int}/quizzes/{quizId}/attempts/{attemptId}/review", "GET", "/api/v1/weeks/7/quizzes/quiz/attempts/{attempt}/review", Expect.Unauthorized, new(409), Expect.NotFound, Expect.NotFound),
        new("POST ConfirmSubmitModel.", "POST", "/weeks/7/quiz/attempts/{attempt}/submit", Expect.SignIn, new(302, "/weeks/7/quiz/attempts/{attempt}/review"), Expect.NotFound, Expect.NotFound),
        new("GET /weeks/{number:int}/{quizId}/attempts/{attemptId}/review", "GET", "/weeks/7/quiz/attempts/{attempt}/review", Expect.SignIn, Expect.Ok, Expect.NotFound, Expect.NotFound),
        new("POST /api/v1/weeks/{week:int}/quizzes/{quizId}/attempts/{attemptId}/submission", "POST", "/api/v1/weeks/7/quizzes/quiz/attempts/{attempt}/submission", Expect.Unauthorized, new(409), Expect.NotFound, Expect.NotFound),
        new("GET /instructor/quizzes", "GET", "/instructor/quizzes", Expect.SignIn, Expect.Denied, Expect.Denied, Expect.Ok),
        new("GET /instructor/quizzes/{week:int}/{quizId}", "GET", "/instructor/quizzes/7/quiz", Expect.SignIn, Expect.Denied, Expect.Denied, Expect.Ok),
        new("POST QuizStatisticsModel.Regrade", "POST", "/instructor/quizzes/7/quiz?handler=Regrade", Expect.SignIn, Expect.Denied, Expect.Denied, new(302, "/instructor/quizzes/7/quiz")),
        new("GET /instructor/quizzes/{week:int}/{quizId}/attempts.csv", "GET", "/instructor/quizzes/7/quiz/attempts.csv", Expect.SignIn, Expect.Denied, Expect.Denied, Expect.Ok),
    ];

    [Fact]
    public void EveryEndpoint_HasARule()
    {
        var keys = Rules.Select(r => r.Key).ToHashSet();
        var missing = DiscoverKeys().Where(k => !keys.Contains(k)).ToList();
        Assert.True(missing.Count == 0, "No authorization rule for:\n" + string.Join("\n", missing));
    }

    [Fact]
    public async Task EveryRule_GivesEachCallerTheExpectedStatus()
    {
        var clients = new Dictionary<Who, HttpClient>
        {
            [Who.Anonymous] = TestAccounts.NewClient(factory),
            [Who.Learner] = await TestAccounts.RegisterAsync(factory),
            [Who.Other] = await TestAccounts.RegisterAsync(factory),
            [Who.Instructor] = await TestAccounts.InstructorAsync(factory),
        };
        var created = await TestAccounts.PostFormAsync(clients[Who.Learner], "/account?handler=CreateToken", new() { ["name"] = "matrix" }, formUrl: "/account");
        var token = System.Text.RegularExpressions.Regex.Match(await clients[Who.Learner].GetStringAsync("/account"), "id=(\\d+)&amp;handler=RevokeToken").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token), $"token not created ({created.StatusCode})");
        using var start = new HttpRequestMessage(HttpMethod.Post, "/api/v1/weeks/7/quizzes/quiz/attempts");
        start.Headers.Add("X-CSRF-TOKEN", await TestAccounts.AntiforgeryTokenAsync(clients[Who.Learner], "/"));
        var started = await clients[Who.Learner].SendAsync(start);
        var attempt = System.Text.RegularExpressions.Regex.Match(started.Headers.Location?.OriginalString ?? "", "[0-9a-f]{32}").Value;
        Assert.False(string.IsNullOrEmpty(attempt), $"attempt not started ({started.StatusCode})");

        var failures = new List<string>();
        // Signing out ends the session for the rules after it, so it goes last.
        foreach (var rule in Rules.OrderBy(r => r.Key == "POST SignOutModel."))
        {
            // The owner's revoke goes last for the owner, so others try a live token first.
            foreach (var who in rule.Key == "POST IndexModel.RevokeToken" ? [Who.Anonymous, Who.Other, Who.Instructor, Who.Learner] : Enum.GetValues<Who>())
            {
                var client = clients[who];
                var url = rule.Url.Replace("{token}", token, StringComparison.Ordinal).Replace("{attempt}", attempt, StringComparison.Ordinal);
                using var request = new HttpRequestMessage(new HttpMethod(rule.Method), url);
                if (rule.Method != "GET")
                {
                    var antiforgery = await TestAccounts.AntiforgeryTokenAsync(client, "/");
                    request.Headers.Add("X-CSRF-TOKEN", antiforgery);
                    if (rule.Method == "POST")
                    {
                        var fields = new Dictionary<string, string>(rule.Form ?? []) { ["__RequestVerificationToken"] = antiforgery };
                        request.Content = new FormUrlEncodedContent(fields);
                    }
                }

                var response = await client.SendAsync(request);
                var expected = rule.For(who);
                var location = response.Headers.Location is { } l ? (l.IsAbsoluteUri ? l.PathAndQuery : l.OriginalString) : null;
                var expectedLocation = expected.Location?.Replace("{attempt}", attempt, StringComparison.Ordinal);
                var ok = (int)response.StatusCode == expected.Status &&
                         (expectedLocation is null || (location?.StartsWith(expectedLocation, StringComparison.Ordinal) ?? false));
                if (!ok)
                {
                    failures.Add($"{rule.Key} as {who}: expected {expected.Status} {expected.Location}, got {(int)response.StatusCode} {location}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>"GET pattern" for every routed endpoint, and "POST Model.Handler" for every page POST handler.</summary>
    private IEnumerable<string> DiscoverKeys()
    {
        var sources = factory.Services.GetRequiredService<EndpointDataSource>();
        foreach (var endpoint in sources.Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = "/" + endpoint.RoutePattern.RawText?.Trim('/');
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            foreach (var method in methods.Where(m => m != "HEAD"))
            {
                yield return $"{method} {pattern}";
            }
        }

        var pageModels = typeof(Program).Assembly.GetTypes().Where(t => typeof(PageModel).IsAssignableFrom(t) && !t.IsAbstract);
        foreach (var model in pageModels)
        {
            foreach (var method in model.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            {
                var name = method.Name.EndsWith("Async", StringComparison.Ordinal) ? method.Name[..^5] : method.Name;
                if (name.StartsWith("OnPost", StringComparison.Ordinal))
                {
                    yield return $"POST {model.Name}.{name["OnPost".Length..]}";
                }
            }
        }
    }
}
