using LlmCourse.Web.Data;

namespace LlmCourse.Web.Accounts;

/// <summary>
/// Operators' command line: <c>users create --email a@b.c --role Instructor</c> (password read from standard
/// input, so it never appears in shell history or process lists), <c>users list</c>, <c>users set-role</c>,
/// <c>users set-password</c> or its alias <c>users reset-password</c> (also from standard input). Changing a role or a
/// password signs the account out everywhere.
/// </summary>
public static class UserCommands
{
    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] == "users";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextReader input, TextWriter output, TextWriter error)
    {
        await using var scope = services.CreateAsyncScope();
        var admin = scope.ServiceProvider.GetRequiredService<UserAdmin>();
        var verb = args.Length > 1 ? args[1] : "";
        var email = Option(args, "--email");
        var role = Option(args, "--role");
        switch (verb)
        {
            case "create" when email is not null:
                var password = (await input.ReadLineAsync())?.TrimEnd('\r', '\n') ?? "";
                if (password.Length == 0)
                {
                    await error.WriteLineAsync("No password on standard input. Example: echo 'a long password' | ... users create --email a@b.c --role Instructor");
                    return 2;
                }

                var (user, errors) = await admin.CreateAsync(email, password, role ?? Roles.Learner, Option(args, "--name"));
                if (user is null)
                {
                    await error.WriteLineAsync("Could not create the user: " + string.Join(" ", errors));
                    return 1;
                }

                await output.WriteLineAsync($"Created {email} with role {role ?? Roles.Learner}.");
                return 0;

            case "list":
                foreach (var (u, roles) in await admin.ListAsync())
                {
                    await output.WriteLineAsync($"{u.Email}\t{string.Join(",", roles)}\t{(u.LockoutEnd > DateTimeOffset.UtcNow ? "locked" : "active")}");
                }

                return 0;

            case "set-role" when email is not null && role is not null:
                var problems = await admin.SetRoleAsync(email, role);
                if (problems.Count > 0)
                {
                    await error.WriteLineAsync(string.Join(" ", problems));
                    return 1;
                }

                await output.WriteLineAsync($"{email} now has role {role}; their sessions have ended.");
                return 0;

            case "set-password" or "reset-password" when email is not null:
                var newPassword = (await input.ReadLineAsync())?.TrimEnd('\r', '\n') ?? "";
                if (newPassword.Length == 0)
                {
                    await error.WriteLineAsync("No password on standard input. Example: echo 'a long password' | ... users set-password --email a@b.c");
                    return 2;
                }

                var refused = await admin.SetPasswordAsync(email, newPassword);
                if (refused.Count > 0)
                {
                    await error.WriteLineAsync("Could not set the password: " + string.Join(" ", refused));
                    return 1;
                }

                await output.WriteLineAsync($"{email} has a new password; their sessions have ended.");
                return 0;

            default:
                await error.WriteLineAsync("""
                    Usage:
                      users create --email EMAIL [--role Learner|Instructor] [--name NAME]   (password on standard input)
                      users list
                      users set-role --email EMAIL --role Learner|Instructor
                      users set-password --email EMAIL                                      (password on standard input)
                      users reset-password --email EMAIL                                    (the same; also lifts a lockout)
                    """);
                return 2;
        }
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
