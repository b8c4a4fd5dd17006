using System.Text;
using MimeKit;

namespace LlmCourse.Web.Email;

/// <summary>
/// Text that goes into mail headers. A display name or subject is written by people (a learner's name, an
/// announcement's title); a line break in it would start a header of its own (<c>Bcc:</c>) in a naive mailer.
/// MimeKit encodes what it is given, and on top of that nothing with a control character reaches it.
/// </summary>
public static class MailText
{
    public const int MaxHeaderText = 200;

    /// <summary>One line: control and line-separator characters become spaces, runs of spaces one, at most <see cref="MaxHeaderText"/> characters.</summary>
    public static string HeaderText(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            var blank = char.IsControl(c) || char.IsWhiteSpace(c) || c is '\u2028' or '\u2029';
            if (blank)
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(c);
        }

        var line = builder.ToString();
        return line.Length <= MaxHeaderText ? line : line[..MaxHeaderText].TrimEnd() + "…";
    }

    /// <summary>Whether <paramref name="address"/> is exactly one plain mailbox (no name, no list, no control characters).</summary>
    public static bool IsSingleAddress(string? address) =>
        !string.IsNullOrWhiteSpace(address)
        && address.Length <= 256
        && !address.Any(char.IsControl)
        && !address.Contains(',', StringComparison.Ordinal)
        && !address.Contains('<', StringComparison.Ordinal)
        && MailboxAddress.TryParse(address, out var parsed)
        && parsed.Address == address
        && address.Contains('@', StringComparison.Ordinal);
}
