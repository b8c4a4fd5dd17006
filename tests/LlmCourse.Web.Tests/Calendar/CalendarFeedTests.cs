using System.Net;
using LlmCourse.Web.Tests.Infrastructure;
using LlmCourse.Web.Tests.Quizzes;

namespace LlmCourse.Web.Tests.Calendar;

/// <summary>The course calendar page and the iCalendar feed at a secret, revocable address, on a fake clock.</summary>
public sealed class CalendarFeedTests : IClassFixture<OverrideAppFactory>
{
    private readonly OverrideAppFactory _factory;

    public CalendarFeedTests(OverrideAppFactory factory)
    {
        _factory = factory;

        // An hour before the quiz opens (or now, in the last hour of a UTC day); no test here moves the clock.
        factory.Clock.MoveForwardTo(OverrideAppFactory.Opens.AddHours(-1));
    }

    [Fact]
    public async Task LearnerFeed_ParsesAndHoldsOnlyTheirDates()
    {
        var email = $"learner-{Guid.NewGuid():N}@example.com";
        var learner = await TestAccounts.RegisterAsync(_factory, email);
        var instructor = await TestAccounts.InstructorAsync(_factory);
        var ownClose = OverrideAppFactory.Closes.AddDays(2);
        Assert.Equal(HttpStatusCode.Redirect, (await TestAccounts.PostFormAsync(instructor, $"/instructor/quizzes/7/deadline/overrides?handler=Set", new()
        {
            ["Input.Email"] = email,
            ["Input.Closes"] = ownClose.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture),
        })).StatusCode);

        var url = await FeedUrlAsync(learner);
        var anonymous = TestAccounts.NewClient(_factory);
        var response = await anonymous.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        var events = Parse(await response.Content.ReadAsStringAsync());

        var close = Assert.Single(events, e => e["UID"].StartsWith("w7-deadline-closes@", StringComparison.Ordinal));
        Assert.Equal(Utc(ownClose), close["DTSTART"]);
        Assert.Contains("your own close date", close["DESCRIPTION"], StringComparison.Ordinal);
        Assert.Equal(Utc(OverrideAppFactory.Opens), Assert.Single(events, e => e["UID"].StartsWith("w7-deadline-opens@", StringComparison.Ordinal))["DTSTART"]);

        // The scheduled week shows only its date; the draft week nothing; no hidden title anywhere.
        var scheduled = Assert.Single(events, e => e["UID"].StartsWith("w98-release@", StringComparison.Ordinal));
        Assert.Equal(Utc(OverrideAppFactory.ScheduledRelease), scheduled["DTSTART"]);
        Assert.DoesNotContain(events, e => e["UID"].StartsWith("w99", StringComparison.Ordinal) || e["UID"].Contains("scheduled-quiz", StringComparison.Ordinal));
        Assert.DoesNotContain(events, e => e.Values.Any(v => v.Contains("SECRET", StringComparison.Ordinal)));

        // Another learner's feed has the quiz's own close date; UIDs are the same, so apps update rather than duplicate.
        var other = await TestAccounts.RegisterAsync(_factory);
        var otherEvents = Parse(await anonymous.GetStringAsync(await FeedUrlAsync(other)));
        var otherClose = Assert.Single(otherEvents, e => e["UID"] == close["UID"]);
        Assert.Equal(Utc(OverrideAppFactory.Closes), otherClose["DTSTART"]);

        // The page shows the same dates to the signed-in learner.
        var page = await learner.GetStringAsync("/calendar");
        Assert.Contains("your own date", page);
        Assert.DoesNotContain("SECRET", page);
    }

    [Fact]
    public async Task InstructorFeed_IncludesScheduledAndDraftWeeks()
    {
        var instructor = await TestAccounts.InstructorAsync(_factory);
        var events = Parse(await TestAccounts.NewClient(_factory).GetStringAsync(await FeedUrlAsync(instructor)));
        Assert.Contains(events, e => e["UID"].StartsWith("w98-release@", StringComparison.Ordinal) && e["SUMMARY"].Contains("SECRETSCHEDULED", StringComparison.Ordinal));
        Assert.Contains(events, e => e["UID"].StartsWith("w98-scheduled-quiz-closes@", StringComparison.Ordinal));
        Assert.Contains(events, e => e["UID"].StartsWith("w99-draft-quiz-closes@", StringComparison.Ordinal) && e["DESCRIPTION"].Contains("Not visible to learners", StringComparison.Ordinal));
        Assert.Contains("not visible to learners yet", await instructor.GetStringAsync("/calendar"));
    }

    [Fact]
    public async Task FeedAddress_RotatedOrRevoked_StopsWorking()
    {
        var learner = await TestAccounts.RegisterAsync(_factory);
        var anonymous = TestAccounts.NewClient(_factory);
        var first = await FeedUrlAsync(learner);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(first)).StatusCode);

        var second = await FeedUrlAsync(learner);
        Assert.NotEqual(first, second);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(first)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(second)).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await TestAccounts.PostFormAsync(learner, "/calendar?handler=Revoke", [])).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(second)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/calendar/feed/not-a-token.ics")).StatusCode);
    }

    /// <summary>Creates a feed address through the page and reads it from where the page shows it once.</summary>
    private static async Task<string> FeedUrlAsync(HttpClient client)
    {
        var rotate = await TestAccounts.PostFormAsync(client, "/calendar?handler=Rotate", []);
        Assert.Equal(HttpStatusCode.Redirect, rotate.StatusCode);
        var page = await client.GetStringAsync("/calendar");
        var match = System.Text.RegularExpressions.Regex.Match(page, "value=\"https?://[^/\"]+(/calendar/feed/cal_[A-Za-z0-9_-]+\\.ics)\"");
        Assert.True(match.Success, "The new feed address is shown on the page.");
        Assert.DoesNotMatch("cal_[A-Za-z0-9_-]{20,}", await client.GetStringAsync("/calendar"));
        return match.Groups[1].Value;
    }

    private static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// A strict little RFC 5545 reader: every line ends in CRLF and is at most 75 octets; folded lines are unfolded;
    /// the calendar has VERSION 2.0 and PRODID; each event has a UID, a DTSTAMP and a DTSTART in UTC.
    /// </summary>
    private static List<Dictionary<string, string>> Parse(string text)
    {
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
        var raw = text[..^2].Split("\r\n");
        Assert.All(raw, l => Assert.True(System.Text.Encoding.UTF8.GetByteCount(l) <= 75 && !l.Contains('\n', StringComparison.Ordinal), l));
        var lines = new List<string>();
        foreach (var line in raw)
        {
            if (line.StartsWith(' '))
            {
                lines[^1] += line[1..];
            }
            else
            {
                lines.Add(line);
            }
        }

        Assert.Equal("BEGIN:VCALENDAR", lines[0]);
        Assert.Equal("END:VCALENDAR", lines[^1]);
        Assert.Contains("VERSION:2.0", lines);
        Assert.Contains(lines, l => l.StartsWith("PRODID:", StringComparison.Ordinal));
        var events = new List<Dictionary<string, string>>();
        Dictionary<string, string>? current = null;
        foreach (var line in lines[1..^1])
        {
            if (line == "BEGIN:VEVENT")
            {
                current = new Dictionary<string, string>(StringComparer.Ordinal);
            }
            else if (line == "END:VEVENT")
            {
                Assert.NotNull(current);
                Assert.Matches("^\\d{8}T\\d{6}Z$", current["DTSTART"]);
                Assert.Matches("^\\d{8}T\\d{6}Z$", current["DTSTAMP"]);
                Assert.False(string.IsNullOrEmpty(current["UID"]));
                events.Add(current);
                current = null;
            }
            else if (current is not null)
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                current[line[..colon]] = line[(colon + 1)..].Replace("\\n", "\n", StringComparison.Ordinal).Replace("\\,", ",", StringComparison.Ordinal).Replace("\\;", ";", StringComparison.Ordinal);
            }
        }

        Assert.Equal(events.Count, events.Select(e => e["UID"]).Distinct(StringComparer.Ordinal).Count());
        return events;
    }
}
