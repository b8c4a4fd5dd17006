using System.Security.Claims;

namespace LlmCourse.Web.Instructor;

/// <summary>How the audit log and revisions name the signed-in instructor.</summary>
public static class InstructorActor
{
    public static string Of(ClaimsPrincipal user) => user?.Identity?.Name is { Length: > 0 } name ? name : "instructor";
}
