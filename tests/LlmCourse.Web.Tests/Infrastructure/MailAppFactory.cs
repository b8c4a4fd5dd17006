using System.Text.RegularExpressions;
using LlmCourse.Web.Data;
using LlmCourse.Web.Email;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace LlmCourse.Web.Tests.Infrastructure;

/// <summary>
/// The app on a fake clock, sending through a real SMTP server on 127.0.0.1 that the test owns. The background
/// sender is off unless a test class turns it on, so tests decide when a pass runs (<see cref="SendPendingAsync"/>).
/// </summary>
public class MailAppFactory : ClockedAppFactory
{
    public MailAppFactory()
        : this(null)
    {
    }

    /// <param name="database">A database of a chosen provider (the caller disposes it); null for the suite's own.</param>
    /// <param name="clockStart">Where the fake clock starts; null for the real time.</param>
    protected MailAppFactory(TestDatabase? database, bool startSmtp = true, DateTimeOffset? clockStart = null)
        : base(database, clockStart)
    {
        Smtp = new SmtpTestServer(startSmtp);
    }

    public SmtpTestServer Smtp { get; }

    public const string SiteUrl = "https://course.test";

    /// <summary>Whether the app's own background sender and digest scheduler run.</summary>
    protected virtual bool BackgroundSender => false;

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Email:Smtp:Host", "127.0.0.1"),
        new("Email:Smtp:Port", Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("Email:Smtp:Security", "None"),
        new("Email:Smtp:From", "Course <course@course.test>"),
        new("Email:Smtp:TimeoutSeconds", "10"),
        new("Email:SiteUrl", SiteUrl),
        new("Email:PerAddressPerHour", "3"),
        new("Email:Outbox:SenderEnabled", BackgroundSender ? "true" : "false"),
        new("Email:Outbox:PollSeconds", "0.5"),
        new("Email:Outbox:RetryBaseSeconds", "60"),
        new("Email:Outbox:MaxAttempts", "4"),
        new("RateLimits:ForgotPasswordPerMinute", "100000"),
        .. ExtraSettings,
    ];

    protected virtual IEnumerable<KeyValuePair<string, string?>> ExtraSettings => [];

    /// <summary>Runs sender passes until one finds nothing to claim; returns the messages sent.</summary>
    public async Task<int> SendPendingAsync()
    {
        var dispatcher = Services.GetRequiredService<OutboxDispatcher>();
        var sent = 0;
        for (var i = 0; i < 100; i++)
        {
            var pass = await dispatcher.RunOnceAsync(CancellationToken.None);
            sent += pass.Sent;
            if (pass.Claimed == 0 || pass.Sent == 0)
            {
                return sent;
            }
        }

        throw new InvalidOperationException("The outbox did not empty in 100 passes.");
    }

    public async Task<IReadOnlyList<OutboxMessage>> OutboxAsync()
    {
        await using var db = Database.OpenContext();
        return [.. db.OutboxMessages.OrderBy(m => m.Id)];
    }

    /// <summary>The first link in a message's text part that starts with <paramref name="path"/>, as a path and query for the test client.</summary>
    public static string LinkIn(MimeMessage message, string path)
    {
        var match = Regex.Match(message.TextBody ?? "", Regex.Escape(SiteUrl + path) + @"[^\s]*");
        Assert.True(match.Success, $"No {path} link in: {message.TextBody}");
        return match.Value[SiteUrl.Length..];
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Smtp.Dispose();
    }
}
