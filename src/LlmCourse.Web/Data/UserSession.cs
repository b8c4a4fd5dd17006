namespace LlmCourse.Web.Data;

/// <summary>
/// One signed-in browser. The sign-in cookie names its session, and a cookie is accepted only while its row is
/// here: signing out deletes the row, so a copy of the cookie kept elsewhere stops working at once.
/// </summary>
public sealed class UserSession
{
    /// <summary>Random, 32 hex digits; carried inside the (encrypted, signed) sign-in cookie.</summary>
    public string Id { get; set; } = "";

    public string UserId { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    /// <summary>When the cookie expires (moved on when sliding expiration renews it); later rows are tidied away.</summary>
    public DateTime ExpiresAt { get; set; }
}
