using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace LlmCourse.Core.Content;

/// <summary>One searchable page: an item, or one slide of a lecture.</summary>
/// <param name="Week">The week's number.</param>
/// <param name="ItemId">The item's id.</param>
/// <param name="Slide">The slide's number for a lecture slide, else null.</param>
/// <param name="Title">What the result is called.</param>
/// <param name="Text">Plain text searched and quoted in snippets (never a quiz's questions or answers).</param>
public sealed record SearchDocument(int Week, string ItemId, int? Slide, string Title, string Text);

/// <summary>A piece of a snippet; <paramref name="Match"/> pieces are the words searched for.</summary>
public sealed record SnippetPart(string Text, bool Match);

/// <summary>A search result, best first.</summary>
public sealed record SearchHit(SearchDocument Document, double Score, IReadOnlyList<SnippetPart> Snippet);

/// <summary>
/// A small in-memory full-text index over one course snapshot: built once per content revision, so a
/// search never parses Markdown. Every query word must occur (as a word or a word's beginning).
/// </summary>
public sealed partial class SearchIndex
{
    private const int SnippetRadius = 80;

    private readonly List<SearchDocument> _documents;
    private readonly Dictionary<string, List<(int Doc, int InTitle, int InText)>> _postings = new(StringComparer.Ordinal);

    private SearchIndex(List<SearchDocument> documents)
    {
        _documents = documents;
        for (var doc = 0; doc < documents.Count; doc++)
        {
            var counts = new Dictionary<string, (int Title, int Text)>(StringComparer.Ordinal);
            foreach (var word in Words(documents[doc].Title))
            {
                var c = counts.GetValueOrDefault(word);
                counts[word] = (c.Title + 1, c.Text);
            }

            foreach (var word in Words(documents[doc].Text))
            {
                var c = counts.GetValueOrDefault(word);
                counts[word] = (c.Title, c.Text + 1);
            }

            foreach (var (word, (title, text)) in counts)
            {
                if (!_postings.TryGetValue(word, out var list))
                {
                    _postings[word] = list = [];
                }

                list.Add((doc, title, text));
            }
        }
    }

    /// <summary>The documents indexed, in course order.</summary>
    public IReadOnlyList<SearchDocument> Documents => _documents;

    /// <summary>Indexes every week's items (visibility is applied when searching, as it depends on the clock).</summary>
    public static SearchIndex Build(Course course)
    {
        ArgumentNullException.ThrowIfNull(course);
        var documents = new List<SearchDocument>();
        foreach (var week in course.Weeks)
        {
            foreach (var item in week.Items)
            {
                switch (item)
                {
                    case Lecture lecture:
                        documents.Add(new SearchDocument(week.Number, item.Id, null, item.Title, item.Summary));
                        documents.AddRange(lecture.Slides.Select(s => new SearchDocument(
                            week.Number, item.Id, s.Number, $"{item.Title}: {s.Title}", $"{HtmlToText(s.BodyHtml)} {s.TranscriptText}")));
                        break;
                    case Notes notes:
                        documents.Add(new SearchDocument(week.Number, item.Id, null, item.Title, $"{item.Summary} {notes.Text}"));
                        break;
                    case Deck deck:
                        documents.Add(new SearchDocument(week.Number, item.Id, null, item.Title,
                            $"{item.Summary} {string.Join(" ", deck.Cards.Select(c => $"{c.Question} {c.AnswerText}"))}"));
                        break;
                    case Quiz:
                        // Title and summary only, as on the quiz's page: its questions are seen only in an
                        // attempt (so not before the quiz opens), and its answers never before submitting.
                        documents.Add(new SearchDocument(week.Number, item.Id, null, item.Title, item.Summary));
                        break;
                    default:
                        documents.Add(new SearchDocument(week.Number, item.Id, null, item.Title, item.Summary));
                        break;
                }
            }
        }

        return new SearchIndex(documents);
    }

    /// <summary>Documents of weeks <paramref name="weekVisible"/> accepts containing every word of <paramref name="query"/>, best first.</summary>
    public IReadOnlyList<SearchHit> Search(string query, Func<int, bool> weekVisible, int max = 20)
    {
        ArgumentNullException.ThrowIfNull(weekVisible);
        var terms = Words(query ?? "").Distinct(StringComparer.Ordinal).Take(10).ToList();
        if (terms.Count == 0)
        {
            return [];
        }

        Dictionary<int, double>? scores = null;
        foreach (var term in terms)
        {
            var termScores = new Dictionary<int, double>();
            foreach (var (word, postings) in _postings)
            {
                if (!word.StartsWith(term, StringComparison.Ordinal))
                {
                    continue;
                }

                // Whole-word matches weigh more than prefixes; rarer words more than common ones.
                var weight = (word.Length == term.Length ? 1.0 : 0.5) * Math.Log(1 + ((double)_documents.Count / postings.Count));
                foreach (var (doc, inTitle, inText) in postings)
                {
                    termScores[doc] = termScores.GetValueOrDefault(doc) + (weight * ((3 * inTitle) + Math.Log(1 + inText)));
                }
            }

            scores = scores is null
                ? termScores
                : scores.Where(s => termScores.ContainsKey(s.Key)).ToDictionary(s => s.Key, s => s.Value + termScores[s.Key]);
        }

        return (scores ?? [])
            .Where(s => weekVisible(_documents[s.Key].Week))
            .OrderByDescending(s => s.Value)
            .ThenBy(s => s.Key)
            .Take(max)
            .Select(s => new SearchHit(_documents[s.Key], s.Value, Snippet(_documents[s.Key].Text, terms)))
            .ToList();
    }

    /// <summary>About <see cref="SnippetRadius"/> characters either side of the first match, the matched words marked.</summary>
    public static IReadOnlyList<SnippetPart> Snippet(string text, IReadOnlyList<string> terms)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(terms);
        var matches = WordPattern().Matches(text)
            .Where(m => terms.Any(t => m.Value.ToLowerInvariant().StartsWith(t, StringComparison.Ordinal)))
            .ToList();
        var center = matches.Count > 0 ? matches[0].Index : 0;
        var start = Math.Max(0, center - SnippetRadius);
        var end = Math.Min(text.Length, center + SnippetRadius);
        while (start > 0 && !char.IsWhiteSpace(text[start - 1]))
        {
            start--;
        }

        while (end < text.Length && !char.IsWhiteSpace(text[end]))
        {
            end++;
        }

        var parts = new List<SnippetPart>();
        if (start > 0)
        {
            parts.Add(new SnippetPart("…", false));
        }

        var position = start;
        foreach (var match in matches.Where(m => m.Index >= start && m.Index + m.Length <= end))
        {
            if (match.Index > position)
            {
                parts.Add(new SnippetPart(text[position..match.Index], false));
            }

            parts.Add(new SnippetPart(match.Value, true));
            position = match.Index + match.Length;
        }

        if (position < end)
        {
            parts.Add(new SnippetPart(text[position..end], false));
        }

        if (end < text.Length)
        {
            parts.Add(new SnippetPart("…", false));
        }

        return parts;
    }

    /// <summary>Lower-case words (letters and digits) of <paramref name="text"/>.</summary>
    public static IEnumerable<string> Words(string text) =>
        WordPattern().Matches(text ?? "").Select(m => m.Value.ToLowerInvariant());

    private static string HtmlToText(string html)
    {
        var text = WebUtility.HtmlDecode(Tags().Replace(html, " "));
        var builder = new StringBuilder(text.Length);
        foreach (var part in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            builder.Append(builder.Length > 0 ? " " : "").Append(part);
        }

        return builder.ToString();
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex WordPattern();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();
}
