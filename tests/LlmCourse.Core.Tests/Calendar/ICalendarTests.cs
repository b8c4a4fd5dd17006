using System.Text;
using LlmCourse.Core.Calendar;

namespace LlmCourse.Core.Tests.Calendar;

public sealed class ICalendarTests
{
    private static readonly DateTimeOffset Stamp = new(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a;b,c\\d", @"a\;b\,c\\d")]
    [InlineData("line1\nline2\r\nline3", @"line1\nline2\nline3")]
    [InlineData("bell\u0007tab\t", "belltab ")]
    public void Escape_TextValues(string value, string expected) => Assert.Equal(expected, ICalendar.Escape(value));

    [Fact]
    public void Utc_ConvertsOffsetsToZulu() =>
        Assert.Equal("20261205T100000Z", ICalendar.Utc(new DateTimeOffset(2026, 12, 5, 11, 0, 0, TimeSpan.FromHours(1))));

    [Fact]
    public void Write_FoldsLongLinesAt75Octets_WithoutSplittingCharacters()
    {
        var summary = string.Concat(Enumerable.Repeat("Évaluation 🙂 ", 20));
        var text = ICalendar.Write("Course", [new FeedEvent("w1-q-closes@example.org", Stamp, summary, "", null)], Stamp);
        Assert.EndsWith("END:VCALENDAR\r\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", text.Replace("\r\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        var lines = text.Split("\r\n")[..^1];
        Assert.All(lines, l => Assert.True(Encoding.UTF8.GetByteCount(l) <= 75, l));
        Assert.All(lines, l => Assert.False(l.Length > 0 && char.IsHighSurrogate(l[^1]), l));

        // Unfolding (remove CRLF + space) gives the summary back.
        var unfolded = text.Replace("\r\n ", "", StringComparison.Ordinal);
        Assert.Contains("SUMMARY:" + summary.Replace(",", "\\,", StringComparison.Ordinal) + "\r\n", unfolded, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_EventHasUidStampStartInUtc()
    {
        var text = ICalendar.Write("My, course", [new FeedEvent("w1-release@example.org", Stamp.AddDays(1), "Week 1 opens", "Line; one", "https://example.org/weeks/1")], Stamp);
        Assert.StartsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:", text, StringComparison.Ordinal);
        Assert.Contains("X-WR-CALNAME:My\\, course\r\n", text, StringComparison.Ordinal);
        Assert.Contains("BEGIN:VEVENT\r\nUID:w1-release@example.org\r\nDTSTAMP:20261205T120000Z\r\nDTSTART:20261206T120000Z\r\nSUMMARY:Week 1 opens\r\nDESCRIPTION:Line\\; one\r\nURL:https://example.org/weeks/1\r\n", text, StringComparison.Ordinal);
    }
}
