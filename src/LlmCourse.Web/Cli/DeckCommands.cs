using LlmCourse.Web.Study;

namespace LlmCourse.Web.Cli;

/// <summary>
/// <c>decks import FILE.tsv --title "…"</c>: writes the deck Markdown to standard output and line-numbered
/// problems to standard error. Runs before the web host is built, so nothing but the Markdown reaches stdout.
/// </summary>
public static class DeckCommands
{
    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] == "decks";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var titleAt = Array.IndexOf(args, "--title");
        var title = titleAt >= 0 && titleAt + 1 < args.Length ? args[titleAt + 1] : null;
        var file = args.Skip(2).Where((_, i) => i + 2 != titleAt && i + 2 != titleAt + 1).FirstOrDefault();
        if (args.Length < 2 || args[1] != "import" || file is null || title is null)
        {
            await error.WriteLineAsync("Usage: decks import FILE.tsv --title \"Deck title\" > deck.md");
            return 2;
        }

        if (!File.Exists(file))
        {
            await error.WriteLineAsync($"{file}: no such file.");
            return 1;
        }

        var result = DeckTsv.Import(await File.ReadAllTextAsync(file), title);
        if (!result.Succeeded)
        {
            foreach (var problem in result.Errors)
            {
                await error.WriteLineAsync($"{file}:{problem.Line}: {problem.Message}");
            }

            return 1;
        }

        await output.WriteAsync(result.Markdown);
        await error.WriteLineAsync($"Imported {result.Cards} cards.");
        return 0;
    }
}
