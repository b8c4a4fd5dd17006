using LlmCourse.Web.Data;
using Microsoft.AspNetCore.Identity;

namespace LlmCourse.Web.Accounts;

/// <summary>In Development, a demo instructor and learner exist so the whole site can be tried at once.</summary>
public static class DemoUsers
{
    public const string InstructorEmail = "instructor@example.com";
    public const string LearnerEmail = "learner@example.com";

    // Development-only accounts; the same values are written in README.md.
    public const string InstructorPassword = "instructor-demo-1";
    public const string LearnerPassword = "learner-demo-1";

    public static async Task EnsureAsync(IServiceProvider services, ILogger logger)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var admin = scope.ServiceProvider.GetRequiredService<UserAdmin>();
        await admin.EnsureRolesAsync();
        foreach (var (email, password, role, name) in new[]
        {
            (InstructorEmail, InstructorPassword, Roles.Instructor, "Demo Instructor"),
            (LearnerEmail, LearnerPassword, Roles.Learner, "Demo Learner"),
        })
        {
            if (await users.FindByEmailAsync(email) is not null)
            {
                continue;
            }

            var (user, errors) = await admin.CreateAsync(email, password, role, name);
            if (user is null)
            {
                logger.LogWarning("Could not create demo {Role}: {Errors}", role, string.Join(" ", errors));
                continue;
            }

            // Example addresses that never get mail anyway; confirmed so course mail can be tried at once.
            user.EmailConfirmed = true;
            await users.UpdateAsync(user);

            // Printed once, on the start that creates the account (Development only).
            Console.WriteLine($"Demo {role.ToLowerInvariant()} created: {email} / {password}");
        }
    }
}
