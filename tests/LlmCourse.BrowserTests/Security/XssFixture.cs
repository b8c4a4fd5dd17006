using System.Text;
using LlmCourse.BrowserTests.Infrastructure;

namespace LlmCourse.BrowserTests.Security;

/// <summary>The site with an extra week (99) whose every item is built from the payload corpus.</summary>
public sealed class XssFixture : BrowserFixture
{
    public static IReadOnlyList<string> Payloads { get; } =
        [.. File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Security", "xss-payloads.txt")).Where(l => l.Length > 0)];

    protected override void PrepareContent(string contentDir)
    {
        var week = Path.Combine(contentDir, "weeks", "99-xss");
        Directory.CreateDirectory(week);
        File.WriteAllText(Path.Combine(week, "week.md"), $"---\nnumber: 99\ntitle: {Yaml("XSS " + Payloads[0])}\nsummary: {Yaml(Payloads[3])}\n---\n{Body()}");

        var notes = new StringBuilder($"---\nkind: notes\ntitle: {Yaml("Notes " + Payloads[0])}\nsummary: {Yaml(Payloads[5])}\ntags: [xss]\n---\n");
        notes.Append(Body());
        File.WriteAllText(Path.Combine(week, "01-notes.md"), notes.ToString());

        var lecture = new StringBuilder($"---\nkind: lecture\ntitle: {Yaml("Lecture " + Payloads[3])}\ntags: [xss]\n---\n");
        for (var i = 0; i < Payloads.Count; i += 16)
        {
            lecture.Append($"\n## Slide {Payloads[i]}\n\n");
            foreach (var payload in Payloads.Skip(i).Take(16))
            {
                lecture.Append($"- {payload}\n");
            }

            lecture.Append("\n### Transcript\n\n").Append(string.Join("\n\n", Payloads.Skip(i).Take(16))).Append('\n');
        }

        File.WriteAllText(Path.Combine(week, "02-lecture.md"), lecture.ToString());

        var deck = new StringBuilder($"---\nkind: deck\ntitle: {Yaml("Deck " + Payloads[7])}\n---\n");
        for (var i = 0; i < Payloads.Count; i++)
        {
            deck.Append($"\n## {Payloads[i]} {{#card-{i}}}\n\n{Payloads[(i + 1) % Payloads.Count]}\n\nShort answer: {Payloads[(i + 2) % Payloads.Count]}\n");
        }

        File.WriteAllText(Path.Combine(week, "03-deck.md"), deck.ToString());
    }

    /// <summary>Every payload as a paragraph, a list item, a table cell, a link target and a heading.</summary>
    private static string Body()
    {
        var text = new StringBuilder();
        foreach (var payload in Payloads)
        {
            text.Append($"\n{payload}\n\n- {payload}\n\n| a | b |\n|---|---|\n| {payload.Replace("|", "\\|", StringComparison.Ordinal)} | x |\n\n[link]({payload})\n\n## {payload}\n");
        }

        return text.ToString();
    }

    private static string Yaml(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
}

[CollectionDefinition(Name)]
public sealed class XssCollection : ICollectionFixture<XssFixture>
{
    public const string Name = "xss";
}
