namespace LlmCourse.Web.Data;

/// <summary>
/// What course mail a person asked for. Both lists are opt-in: a person without a row gets neither. Account mail
/// (password reset, address confirmation) is sent whatever this says, because the person asked for it.
/// </summary>
public sealed class EmailPreferences
{
    public const int DefaultDigestHour = 8;

    public const string DefaultTimeZone = "UTC";

    public string UserId { get; set; } = "";

    /// <summary>Instructors' announcements by email.</summary>
    public bool Announcements { get; set; }

    /// <summary>A daily digest of due flashcards.</summary>
    public bool Digest { get; set; }

    /// <summary>The local hour (0–23) the digest is sent at.</summary>
    public int DigestHour { get; set; } = DefaultDigestHour;

    /// <summary>An IANA time zone id, such as <c>Europe/Paris</c>.</summary>
    public string TimeZone { get; set; } = DefaultTimeZone;

    /// <summary>The local day the last digest was made for (sent, or skipped for having nothing due): at most one a day.</summary>
    public DateOnly? LastDigestDate { get; set; }
}
