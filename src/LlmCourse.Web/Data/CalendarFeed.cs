namespace LlmCourse.Web.Data;

/// <summary>
/// A user's secret calendar feed address. Calendar apps cannot sign in, so the address itself is the credential:
/// only its SHA-256 hash is stored, it reads nothing but the user's calendar, and rotating or revoking it replaces
/// or removes the row so the old address stops working at once.
/// </summary>
public sealed class CalendarFeed
{
    public string UserId { get; set; } = "";

    /// <summary>Lower-case hex SHA-256 of the token in the address.</summary>
    public string TokenHash { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public DateTime? LastReadAt { get; set; }
}
