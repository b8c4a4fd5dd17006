using System.Collections.Concurrent;
using LlmCourse.Web.Email;
using LlmCourse.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace LlmCourse.Web.Tests.Email;

/// <summary>How the site sends mail with no SMTP server: .eml files named in the log in Development and Testing; in Production, nothing, said out loud.</summary>
public sealed class MailSetupTests
{
    [Fact]
    public async Task WithoutSmtp_InTesting_MailIsWrittenAsEmlFiles_AndTheLogNamesEachFile()
    {
        var capture = new Capture();
        using var factory = new CourseAppFactory();
        using var app = factory.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(capture)).UseSetting("Email:Outbox:SenderEnabled", "false"));
        var email = MailTestSupport.NewAddress("pickup");
        await TestAccounts.RegisterAsync(app, email);
        await TestAccounts.PostFormAsync(TestAccounts.NewClient(app), "/account/forgot-password", new() { ["Email"] = email });
        var pass = await app.Services.GetRequiredService<OutboxDispatcher>().RunOnceAsync(CancellationToken.None);
        Assert.Equal(2, pass.Sent);

        var folder = Path.Combine(factory.WorkDir, "mail");
        var files = Directory.GetFiles(folder, "*.eml");
        Assert.Equal(2, files.Length);
        var subjects = new List<string>();
        foreach (var file in files)
        {
            var message = await MimeMessage.LoadAsync(file);
            Assert.Equal(email, message.To.Mailboxes.Single().Address);
            subjects.Add(message.Subject ?? "");
            Assert.Contains(capture.Lines, line => line.Contains(file, StringComparison.Ordinal));
        }

        Assert.Contains(subjects, s => s.StartsWith("Reset your password", StringComparison.Ordinal));
        Assert.Contains(subjects, s => s.StartsWith("Confirm your email address", StringComparison.Ordinal));
        Assert.Empty(Directory.GetFiles(folder, "*.part"));
    }

    [Fact]
    public async Task WithoutSmtp_InProduction_FlowsSayMailIsNotConfigured_TheLogWarns_AndNothingIsQueued()
    {
        var capture = new Capture();
        using var factory = new ProductionFactory();
        using var app = factory.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(capture)));
        var email = MailTestSupport.NewAddress("prod");
        var client = await TestAccounts.RegisterAsync(app, email);

        // Registration signs in at once: a site that cannot send the confirmation does not ask for it.
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/dashboard")).StatusCode);
        var forgot = await TestAccounts.NewClient(app).GetStringAsync("/account/forgot-password");
        Assert.Contains("data-mail-not-configured", forgot, StringComparison.Ordinal);
        Assert.DoesNotContain("Send the link", forgot, StringComparison.Ordinal);
        var posted = await TestAccounts.PostFormAsync(TestAccounts.NewClient(app), "/account/forgot-password", new() { ["Email"] = email }, formUrl: "/account/sign-in");
        Assert.Contains("data-mail-not-configured", await posted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("data-mail-not-configured", await client.GetStringAsync("/account/change-email"), StringComparison.Ordinal);

        await using (var db = factory.Database.OpenContext())
        {
            Assert.Empty(db.OutboxMessages);
        }

        Assert.Contains(capture.Lines, line => line.Contains("Mail is not configured", StringComparison.Ordinal) && line.Contains("Email:Smtp:Host is not set", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ForgotPassword_FromOneClient_OverTheLimit_Is429_ButShowingTheFormIsFree()
    {
        using var factory = new CourseAppFactory();
        using var app = factory.WithWebHostBuilder(b => b.UseSetting("RateLimits:ForgotPasswordPerMinute", "2"));
        var client = TestAccounts.NewClient(app);
        var statuses = new List<System.Net.HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await TestAccounts.PostFormAsync(client, "/account/forgot-password", new() { ["Email"] = $"someone-{i}@example.com" })).StatusCode);
        }

        Assert.Equal([System.Net.HttpStatusCode.OK, System.Net.HttpStatusCode.OK, System.Net.HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/account/forgot-password")).StatusCode);
    }

    private sealed class ProductionFactory : CourseAppFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Security:RequireHttps", "false")];

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
        }
    }

    private sealed class Capture : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public IReadOnlyList<string> Lines => [.. _lines];

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
        }

        private sealed class Logger(Capture owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner._lines.Enqueue(formatter(state, exception));
        }
    }
}
