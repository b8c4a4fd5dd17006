using Microsoft.AspNetCore.Identity;

namespace LlmCourse.Web.Data;

/// <summary>A person with an account: a learner, an instructor, or both.</summary>
public sealed class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    public DateTime CreatedAt { get; set; }
}
