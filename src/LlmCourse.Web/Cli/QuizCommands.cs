using LlmCourse.Core.Quizzes;

namespace LlmCourse.Web.Cli;

/// <summary>
/// <c>quizzes import-gift FILE --title "…"</c>: converts a Moodle GIFT file to quiz Markdown on standard
/// output; problems go to standard error with their line numbers, and the exit code is 1. Needs no database.
/// </summary>
public static class QuizCommands
{
    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] == "quizzes";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var verb = args.Length > 1 ? args[1] : "";
        var file = args.Length > 2 && !args[2].StartsWith("--", StringComparison.Ordinal) ? args[2] : null;
        var title = Option(args, "--title");
        if (verb != "import-gift" || file is null)
        {
            await error.WriteLineAsync("""
                Usage:
                  quizzes import-gift FILE.gift [--title "Quiz title"]   (quiz Markdown on standard output)
                """);
            return 2;
        }

        if (!File.Exists(file))
        {
            await error.WriteLineAsync($"{file}: no such file.");
            return 1;
        }

        var gift = await File.ReadAllTextAsync(file);
        var result = GiftImporter.Import(gift, title ?? Path.GetFileNameWithoutExtension(file));
        if (!result.Succeeded)
        {
            foreach (var problem in result.Errors)
            {
                await error.WriteLineAsync($"{file}:{problem.Line}: {problem.Message}");
            }

            return 1;
        }

        await output.WriteAsync(result.Markdown);
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
