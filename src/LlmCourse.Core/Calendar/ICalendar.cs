using System.Globalization;
using System.Text;

namespace LlmCourse.Core.Calendar;

/// <summary>One event of an iCalendar feed: an instant, not a span (RFC 5545 lets DTEND be left out).</summary>
/// <param name="Uid">Globally unique and stable across feeds, so calendar apps update rather than duplicate.</param>
/// <param name="Url">Absolute address of the page the event is about, or null.</param>
public sealed record FeedEvent(string Uid, DateTimeOffset At, string Summary, string Description, string? Url);

/// <summary>
/// Writes an iCalendar (RFC 5545) document: CRLF line ends, lines folded at 75 octets without splitting a UTF-8
/// character, text values escaped, every time in UTC (<c>…Z</c>).
/// </summary>
public static class ICalendar
{
    public const string ContentType = "text/calendar; charset=utf-8";

    private const int MaxOctets = 75;

    public static string Write(string calendarName, IEnumerable<FeedEvent> events, DateTimeOffset stamp)
    {
        ArgumentNullException.ThrowIfNull(events);
        var text = new StringBuilder();
        Line(text, "BEGIN:VCALENDAR");
        Line(text, "VERSION:2.0");
        Line(text, "PRODID:-//LlmCourse//Course calendar//EN");
        Line(text, "CALSCALE:GREGORIAN");
        Line(text, "METHOD:PUBLISH");
        Line(text, "X-WR-CALNAME:" + Escape(calendarName));
        foreach (var e in events)
        {
            Line(text, "BEGIN:VEVENT");
            Line(text, "UID:" + Escape(e.Uid));
            Line(text, "DTSTAMP:" + Utc(stamp));
            Line(text, "DTSTART:" + Utc(e.At));
            Line(text, "SUMMARY:" + Escape(e.Summary));
            if (e.Description.Length > 0)
            {
                Line(text, "DESCRIPTION:" + Escape(e.Description));
            }

            if (e.Url is { } url)
            {
                Line(text, "URL:" + url);
            }

            Line(text, "TRANSP:TRANSPARENT");
            Line(text, "END:VEVENT");
        }

        Line(text, "END:VCALENDAR");
        return text.ToString();
    }

    /// <summary>A DATE-TIME in UTC form: <c>20260105T090000Z</c>.</summary>
    public static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>A TEXT value: backslash, semicolon and comma escaped, line breaks as <c>\n</c>, other controls dropped.</summary>
    public static string Escape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var escaped = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '\\': escaped.Append(@"\\"); break;
                case ';': escaped.Append(@"\;"); break;
                case ',': escaped.Append(@"\,"); break;
                case '\r' when i + 1 < value.Length && value[i + 1] == '\n': break;
                case '\r' or '\n': escaped.Append(@"\n"); break;
                case '\t': escaped.Append(' '); break;
                default:
                    if (!char.IsControl(c))
                    {
                        escaped.Append(c);
                    }

                    break;
            }
        }

        return escaped.ToString();
    }

    /// <summary>Appends a content line folded into pieces of at most 75 octets, each continuation starting with a space.</summary>
    private static void Line(StringBuilder text, string line)
    {
        var octets = 0;
        var limit = MaxOctets;
        for (var i = 0; i < line.Length; i++)
        {
            // A surrogate pair is one character of four octets: it is never split.
            var width = char.IsHighSurrogate(line[i]) && i + 1 < line.Length ? 2 : 1;
            var size = Encoding.UTF8.GetByteCount(line.AsSpan(i, width));
            if (octets + size > limit)
            {
                text.Append("\r\n ");
                octets = 0;
                limit = MaxOctets - 1;
            }

            text.Append(line, i, width);
            octets += size;
            i += width - 1;
        }

        text.Append("\r\n");
    }
}
