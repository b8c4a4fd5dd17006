using System.Net;
using System.Text.RegularExpressions;
using LlmCourse.Web.Accounts;
using LlmCourse.Web.Data;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LlmCourse.Web.Tests.Infrastructure;

/// <summary>Signs people up and in through the real pages, so tests exercise antiforgery and cookies too.</summary>
public static partial class TestAccounts
{
    public const string Password = "correct-horse-42";

    /// <summary>
    /// An account row to write straight to the database, for tests about what learners do in bulk (thousands of
    /// sign-ups through the pages would measure password hashing). It has no password: nobody signs in with it.
    /// </summary>
    public static AppUser Row(string id, string email, string displayName, DateTime createdAt) => new()
    {
        Id = id,
        UserName = email,
        NormalizedUserName = email.ToUpperInvariant(),
        Email = email,
        NormalizedEmail = email.ToUpperInvariant(),
        DisplayName = displayName,
        CreatedAt = createdAt,
        SecurityStamp = Guid.NewGuid().ToString(),
        ConcurrencyStamp = Guid.NewGuid().ToString(),
    };

    public static HttpClient NewClient(WebApplicationFactory<Program> factory) =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Registers a learner through /account/register and returns a client signed in as them.</summary>
    public static Task<HttpClient> RegisterAsync(WebApplicationFactory<Program> factory, string? email = null) =>
        RegisterAsync(NewClient(factory), email);

    /// <summary>Registers through the given client (which must keep cookies) and returns it, signed in.</summary>
    public static async Task<HttpClient> RegisterAsync(HttpClient client, string? email = null)
    {
        email ??= $"learner-{Guid.NewGuid():N}@example.com";
        var response = await PostFormAsync(client, "/account/register", new()
        {
            ["Input.DisplayName"] = "Test Learner",
            ["Input.Email"] = email,
            ["Input.Password"] = Password,
            ["Input.ConfirmPassword"] = Password,
        });
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Registration failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        return client;
    }

    /// <summary>Creates an instructor directly (as the operators' command line does) and signs them in.</summary>
    public static async Task<HttpClient> InstructorAsync(WebApplicationFactory<Program> factory)
    {
        var email = $"instructor-{Guid.NewGuid():N}@example.com";
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var (user, errors) = await scope.ServiceProvider.GetRequiredService<UserAdmin>().CreateAsync(email, Password, Roles.Instructor);
            if (user is null)
            {
                throw new InvalidOperationException(string.Join(" ", errors));
            }
        }

        return await SignInAsync(factory, email, Password);
    }

    public static async Task<HttpClient> SignInAsync(WebApplicationFactory<Program> factory, string email, string password)
    {
        var client = NewClient(factory);
        var response = await SignInResponseAsync(client, email, password);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in failed: {(int)response.StatusCode}");
        }

        return client;
    }

    public static Task<HttpResponseMessage> SignInResponseAsync(HttpClient client, string email, string password) =>
        PostFormAsync(client, "/account/sign-in", new()
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });

    /// <summary>GETs the page to obtain its antiforgery token, then POSTs the form with it.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, Dictionary<string, string> fields, string? formUrl = null)
    {
        var token = await AntiforgeryTokenAsync(client, formUrl ?? url);
        fields["__RequestVerificationToken"] = token;
        return await client.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string pageUrl)
    {
        var html = await client.GetStringAsync(pageUrl);
        var match = TokenInput().Match(html);
        if (!match.Success)
        {
            match = TokenMeta().Match(html);
        }

        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException($"No antiforgery token on {pageUrl}.");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();

    [GeneratedRegex("<meta name=\"csrf-token\" content=\"([^\"]+)\"")]
    private static partial Regex TokenMeta();
}
