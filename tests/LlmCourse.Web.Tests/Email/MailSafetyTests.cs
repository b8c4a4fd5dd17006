using System.Net;
using LlmCourse.Web.Email;
using LlmCourse.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace LlmCourse.Web.Tests.Email;

/// <summary>
/// What people write reaches mail only as data: a line break in a display name or subject cannot add a header or
/// a recipient, and the HTML part escapes names, titles and the announcement body (whose Markdown goes through the
/// course's safe pipeline). Checked on the message as it arrived at a real SMTP server.
/// </summary>
public sealed class MailSafetyTests(MailAppFactory factory) : IClassFixture<MailAppFactory>
{
    [Theory]
    [InlineData("Eve\r\nBcc: victim@example.org", "Eve Bcc: victim@example.org")]
    [InlineData("Eve\nX-Injected: yes", "Eve X-Injected: yes")]
    [InlineData("Eve\rTo: other@example.org", "Eve To: other@example.org")]
    [InlineData("Eve\u2028Cc: x@example.org", "Eve Cc: x@example.org")]
    [InlineData("  Eve \t Smith  ", "Eve Smith")]
    [InlineData("Eve\0Null", "Eve Null")]
    public void HeaderText_ControlCharacters_BecomeOneLine(string written, string header) =>
        Assert.Equal(header, MailText.HeaderText(written));

    [Theory]
    [InlineData("a@example.org", true)]
    [InlineData("a@example.org\r\nBcc: b@example.org", false)]
    [InlineData("a@example.org, b@example.org", false)]
    [InlineData("Eve <a@example.org>", false)]
    [InlineData("no-at-sign", false)]
    [InlineData("", false)]
    public void IsSingleAddress_AcceptsOnlyOnePlainMailbox(string address, bool accepted) =>
        Assert.Equal(accepted, MailText.IsSingleAddress(address));

    [Fact]
    public async Task DisplayNameWithLineBreaks_CannotAddHeadersOrRecipients()
    {
        var email = MailTestSupport.NewAddress("eve");
        var client = TestAccounts.NewClient(factory);
        var registered = await TestAccounts.PostFormAsync(client, "/account/register", new()
        {
            ["Input.DisplayName"] = "Eve\r\nBcc: victim@example.org\r\nX-Injected: yes",
            ["Input.Email"] = email,
            ["Input.Password"] = TestAccounts.Password,
            ["Input.ConfirmPassword"] = TestAccounts.Password,
        });
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        await TestAccounts.PostFormAsync(TestAccounts.NewClient(factory), "/account/forgot-password", new() { ["Email"] = email });
        await factory.SendPendingAsync();

        var arrived = factory.Smtp.Messages.Where(m => m.Recipients.Contains(email)).ToList();
        Assert.NotEmpty(arrived);
        foreach (var received in arrived)
        {
            Assert.Equal([email], received.Recipients);
            var message = received.Message;
            Assert.Null(message.Headers["X-Injected"]);
            Assert.Empty(message.Bcc);
            Assert.Empty(message.Cc);
            var to = Assert.Single(message.To.Mailboxes);
            Assert.Equal(email, to.Address);
            Assert.DoesNotContain("\n", to.Name ?? "", StringComparison.Ordinal);
            Assert.DoesNotContain("victim@example.org", string.Join(",", received.Recipients), StringComparison.Ordinal);

            // Every header line of the raw message is either a header or a folded continuation, never an injected one.
            var head = System.Text.Encoding.ASCII.GetString(received.Raw).Split("\r\n\r\n")[0];
            Assert.DoesNotContain("\r\nBcc:", head, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("\r\nX-Injected:", head, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task HtmlPart_EscapesTheNameAndTheAnnouncement_TextPartKeepsThemAsText()
    {
        var email = MailTestSupport.NewAddress("xss");
        var client = TestAccounts.NewClient(factory);
        await TestAccounts.PostFormAsync(client, "/account/register", new()
        {
            ["Input.DisplayName"] = "<script>alert('name')</script>",
            ["Input.Email"] = email,
            ["Input.Password"] = TestAccounts.Password,
            ["Input.ConfirmPassword"] = TestAccounts.Password,
        });
        await TestAccounts.PostFormAsync(TestAccounts.NewClient(factory), "/account/forgot-password", new() { ["Email"] = email });
        await factory.SendPendingAsync();
        var reset = Assert.Single(factory.Smtp.To(email), m => m.Subject?.StartsWith("Reset", StringComparison.Ordinal) == true);
        Assert.DoesNotContain("<script>", reset.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", reset.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Hello <script>alert('name')</script>,", reset.TextBody, StringComparison.Ordinal);
        Assert.StartsWith("multipart/alternative", reset.Body!.ContentType.MimeType, StringComparison.Ordinal);

        // An announcement with HTML in its title and body, mailed to this learner.
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<LlmCourse.Web.Data.AppUser>>();
            var user = (await users.FindByEmailAsync(email))!;
            user.EmailConfirmed = true;
            await users.UpdateAsync(user);
            await MailTestSupport.SetPreferencesAsync(factory, user.Id, announcements: true, digest: false);
        }

        var instructor = await TestAccounts.InstructorAsync(factory);
        var posted = await TestAccounts.PostFormAsync(instructor, "/announcements/new", new()
        {
            ["title"] = "Quiz <b onmouseover=alert(1)>moved</b>\r\nBcc: all@example.org",
            ["body"] = "Hello <img src=x onerror=alert(2)> and [a link](javascript:alert(3)) and **bold**.",
        });
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        await factory.SendPendingAsync();
        var announcement = Assert.Single(factory.Smtp.To(email), m => m.Subject?.Contains("moved", StringComparison.Ordinal) == true);
        var html = announcement.HtmlBody!;
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b onmouseover", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=\"javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;img src=x onerror=alert(2)&gt;", html, StringComparison.Ordinal);
        Assert.Contains("<strong>bold</strong>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", announcement.Subject ?? "", StringComparison.Ordinal);
        Assert.Empty(announcement.Bcc);

        // The pages show the same announcement escaped.
        var page = await TestAccounts.NewClient(factory).GetStringAsync("/announcements");
        Assert.DoesNotContain("<img src=x", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<b onmouseover", page, StringComparison.Ordinal);
    }
}
