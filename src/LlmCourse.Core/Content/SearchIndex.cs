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

/// <summary>A query word the index did not know, and what was searched for instead (a close spelling, or two words).</summary>
public sealed record SearchCorrection(string Typed, string SearchedFor);

/// <summary>Hits, best first, and the corrections made to the query.</summary>
public sealed record SearchResults(IReadOnlyList<SearchHit> Hits, IReadOnlyList<SearchCorrection> Corrections);

/// <summary>
/// A small in-memory full-text index over one course snapshot: built once per content revision, so a search never
/// parses Markdown. Every query word must occur: as a word, as a word's beginning (from three letters), or as a close
/// spelling of a word.
/// </summary>
/// <remarks>
/// Compounds are folded: a hyphenated run such as "fine-tuning" is also indexed as "finetuning", and two words
/// written apart ("fine tuning") count as that compound too when the course spells it joined somewhere, so the three
/// spellings find each other. A query word the index does not know at all is matched against words within
/// <see cref="EditDistance.Budget"/> edits (fewest edits only), or split into two known words. Hits that need a
/// typo forgiven always rank after hits that do not; within each group, title matches and rarer words weigh more.
/// </remarks>
public sealed partial class SearchIndex
{
    private const int SnippetRadius = 80;
    private const int MaxTerms = 10;

    // How much each kind of match is worth, before the word's rarity and where it occurs.
    private const double ExactWeight = 1.0;
    private const double PrefixWeight = 0.5;
    private const double SplitWeight = 0.8;
    private const double TypoWeight = 0.4;

    // A shorter query word matches whole words only: "p" in "top p" must not match every word starting with p.
    private const int MinPrefixLength = 3;

    // Two words written apart count as a compound only when the joined word is long enough not to be chance ("in to").
    private const int MinJoinedLength = 6;

    private readonly List<SearchDocument> _documents;
    private readonly Dictionary<string, Posting[]> _postings;
    private readonly string[] _vocabulary;
    private readonly Dictionary<int, string[]> _vocabularyByLength;

    private SearchIndex(List<SearchDocument> documents)
    {
        _documents = documents;
        var tokenized = documents.Select(d => (Title: Tokens(d.Title), Text: Tokens(d.Text))).ToList();

        // Every word and every hyphen-joined compound the course uses, so a pair written apart can be recognised.
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (title, text) in tokenized)
        {
            known.UnionWith(title.Words);
            known.UnionWith(text.Words);
        }

        var postings = new Dictionary<string, List<Posting>>(StringComparer.Ordinal);
        for (var doc = 0; doc < documents.Count; doc++)
        {
            var counts = new Dictionary<string, (int Title, int Text)>(StringComparer.Ordinal);
            foreach (var word in tokenized[doc].Title.WithPairs(known))
            {
                var c = counts.GetValueOrDefault(word);
                counts[word] = (c.Title + 1, c.Text);
            }

            foreach (var word in tokenized[doc].Text.WithPairs(known))
            {
                var c = counts.GetValueOrDefault(word);
                counts[word] = (c.Title, c.Text + 1);
            }

            foreach (var (word, (title, text)) in counts)
            {
                if (!postings.TryGetValue(word, out var list))
                {
                    postings[word] = list = [];
                }

                list.Add(new Posting(doc, title, text));
            }
        }

        _postings = postings.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        _vocabulary = [.. _postings.Keys.Order(StringComparer.Ordinal)];
        _vocabularyByLength = _vocabulary.GroupBy(w => w.Length).ToDictionary(g => g.Key, g => g.ToArray());
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

    /// <summary>
    /// Documents of weeks <paramref name="weekVisible"/> accepts that match every word of <paramref name="query"/>:
    /// first those found without forgiving a typo, then the rest; best first within each.
    /// </summary>
    public IReadOnlyList<SearchHit> Search(string query, Func<int, bool> weekVisible, int max = 20) => Find(query, weekVisible, max).Hits;

    /// <summary>As <see cref="Search"/>, with the close spellings searched for query words the index did not know.</summary>
    public SearchResults Find(string query, Func<int, bool> weekVisible, int max = 20)
    {
        ArgumentNullException.ThrowIfNull(weekVisible);
        var plan = Plan(query);
        if (plan.Terms.Count == 0)
        {
            return new SearchResults([], []);
        }

        var candidates = plan.Singles[0].Keys.Concat(plan.Pairs.Count > 0 ? plan.Pairs[0].Keys : []).Distinct();
        var ranked = new List<(int Doc, Score Score)>();
        foreach (var doc in candidates)
        {
            if (weekVisible(_documents[doc].Week) && Combine(plan, doc) is { } score)
            {
                ranked.Add((doc, score));
            }
        }

        var hits = ranked
            .OrderBy(r => r.Score.Tier)
            .ThenByDescending(r => r.Score.Value)
            .ThenBy(r => r.Doc)
            .Take(max)
            .Select(r => new SearchHit(_documents[r.Doc], r.Score.Value, Snippet(_documents[r.Doc].Text, plan.Matched, plan.Terms)))
            .ToList();
        return new SearchResults(hits, plan.Corrections);
    }

    /// <summary>About <see cref="SnippetRadius"/> characters either side of the first match, words beginning with a term marked.</summary>
    public static IReadOnlyList<SnippetPart> Snippet(string text, IReadOnlyList<string> terms)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(terms);
        return Snippet(text, word => terms.Any(t => word.StartsWith(t, StringComparison.Ordinal)));
    }

    /// <summary>Lower-case words (letters and digits) of <paramref name="text"/>.</summary>
    public static IEnumerable<string> Words(string text) =>
        WordPattern().Matches(text ?? "").Select(m => m.Value.ToLowerInvariant());

    private static IReadOnlyList<SnippetPart> Snippet(string text, HashSet<string> matched, IReadOnlyList<string> terms) =>
        Snippet(text, word => matched.Contains(word) || (matched.Count == 0 && terms.Any(t => word.StartsWith(t, StringComparison.Ordinal))));

    /// <summary>
    /// The snippet around the first marked word. A word is marked when <paramref name="isMatch"/> accepts it, or the
    /// compound it belongs to ("fine-tuning" as "finetuning"), or the compound it forms with a neighbour written apart.
    /// </summary>
    private static IReadOnlyList<SnippetPart> Snippet(string text, Func<string, bool> isMatch)
    {
        var words = Scan(text);
        var marked = new bool[words.Count];
        for (var i = 0; i < words.Count; i++)
        {
            marked[i] |= isMatch(words[i].Word);
            if (i + 1 < words.Count && words[i + 1].Link == Link.Apart && isMatch(words[i].Word + words[i + 1].Word))
            {
                marked[i] = marked[i + 1] = true;
            }
        }

        foreach (var (first, last) in Runs(words))
        {
            if (isMatch(string.Concat(words.Skip(first).Take(last - first + 1).Select(w => w.Word))))
            {
                Array.Fill(marked, true, first, last - first + 1);
            }
        }

        var firstMarked = Array.IndexOf(marked, true);
        var center = firstMarked >= 0 ? words[firstMarked].Index : 0;
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
        for (var i = 0; i < words.Count; i++)
        {
            var (index, length) = (words[i].Index, words[i].Length);
            if (!marked[i] || index < start || index + length > end)
            {
                continue;
            }

            if (index > position)
            {
                parts.Add(new SnippetPart(text[position..index], false));
            }

            parts.Add(new SnippetPart(text.Substring(index, length), true));
            position = index + length;
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

    private QueryPlan Plan(string? query)
    {
        var terms = Words(query ?? "").Distinct(StringComparer.Ordinal).Take(MaxTerms).ToList();
        var matched = new HashSet<string>(StringComparer.Ordinal);
        var corrections = new List<SearchCorrection>();
        var singles = terms.Select(t => MatchTerm(t, matched, corrections)).ToList();
        var pairs = new List<Dictionary<int, Score>>();
        for (var i = 0; i + 1 < terms.Count; i++)
        {
            // Two query words that the course writes as one compound ("fine tuning" for "fine-tuning").
            var joined = terms[i] + terms[i + 1];
            var found = new Dictionary<int, Score>();
            if (_postings.ContainsKey(joined))
            {
                AddWord(found, joined, ExactWeight, 0);
                matched.Add(joined);
            }

            pairs.Add(found);
        }

        return new QueryPlan(terms, singles, pairs, matched, corrections);
    }

    /// <summary>Documents matching one query word: as a word or a word's beginning; else split in two, or misspelt.</summary>
    private Dictionary<int, Score> MatchTerm(string term, HashSet<string> matched, List<SearchCorrection> corrections)
    {
        var found = new Dictionary<int, Score>();
        var from = LowerBound(term);
        for (var k = from; k < _vocabulary.Length && _vocabulary[k].StartsWith(term, StringComparison.Ordinal); k++)
        {
            var word = _vocabulary[k];
            if (word.Length == term.Length || term.Length >= MinPrefixLength)
            {
                AddWord(found, word, word.Length == term.Length ? ExactWeight : PrefixWeight, 0);
                matched.Add(word);
            }
        }

        if (found.Count > 0)
        {
            return found;
        }

        // An unknown word: a compound the course writes apart ("finetuning" for "fine tuning")…
        string? split = null;
        for (var i = 2; i <= term.Length - 2; i++)
        {
            var (first, second) = (term[..i], term[i..]);
            if (!_postings.ContainsKey(first) || !_postings.ContainsKey(second))
            {
                continue;
            }

            var firstScores = new Dictionary<int, Score>();
            var secondScores = new Dictionary<int, Score>();
            AddWord(firstScores, first, SplitWeight / 2, 0);
            AddWord(secondScores, second, SplitWeight / 2, 0);
            var both = firstScores.Where(f => secondScores.ContainsKey(f.Key)).ToList();
            foreach (var (doc, score) in both)
            {
                Merge(found, doc, new Score(0, score.Value + secondScores[doc].Value));
            }

            if (both.Count > 0)
            {
                matched.Add(first);
                matched.Add(second);
                split ??= $"{first} {second}";
            }
        }

        // …or a misspelling: the known words fewest edits away, within the budget for the word's length.
        var budget = EditDistance.Budget(term.Length);
        var closest = new List<string>();
        var best = budget + 1;
        for (var length = term.Length - budget; length <= term.Length + budget; length++)
        {
            foreach (var word in _vocabularyByLength.GetValueOrDefault(length) ?? [])
            {
                var distance = EditDistance.Osa(term, word, Math.Min(budget, best));
                if (distance < best)
                {
                    (best, closest) = (distance, [word]);
                }
                else if (distance == best && distance <= budget)
                {
                    closest.Add(word);
                }
            }
        }

        if (best <= budget)
        {
            foreach (var word in closest)
            {
                AddWord(found, word, TypoWeight / best, 1);
                matched.Add(word);
            }
        }

        var suggestion = split ?? (best <= budget
            ? closest.OrderByDescending(w => _postings[w].Length).ThenBy(w => w, StringComparer.Ordinal).First()
            : null);
        if (suggestion is not null)
        {
            corrections.Add(new SearchCorrection(term, suggestion));
        }

        return found;
    }

    /// <summary>Adds every document containing <paramref name="word"/>: title matches and rarer words weigh more.</summary>
    private void AddWord(Dictionary<int, Score> found, string word, double weight, int tier)
    {
        var postings = _postings[word];
        var rarity = Math.Log(1 + ((double)_documents.Count / postings.Length));
        foreach (var posting in postings)
        {
            Merge(found, posting.Doc, new Score(tier, weight * rarity * ((3 * posting.InTitle) + Math.Log(1 + posting.InText))));
        }
    }

    // Several words matching one query word add up; the document keeps the best (lowest) tier any of them gave.
    private static void Merge(Dictionary<int, Score> found, int doc, Score score) =>
        found[doc] = found.TryGetValue(doc, out var old) ? new Score(Math.Min(old.Tier, score.Tier), old.Value + score.Value) : score;

    /// <summary>
    /// How well <paramref name="doc"/> matches the whole query, or null: every query word must be covered, either on
    /// its own or together with its neighbour as one compound; the best covering wins (fewest typos, then score).
    /// </summary>
    private static Score? Combine(QueryPlan plan, int doc)
    {
        var n = plan.Terms.Count;
        var best = new Score?[n + 1];
        best[0] = new Score(0, 0);
        for (var i = 0; i < n; i++)
        {
            if (best[i] is not { } so)
            {
                continue;
            }

            if (plan.Singles[i].TryGetValue(doc, out var single))
            {
                best[i + 1] = Better(best[i + 1], new Score(Math.Max(so.Tier, single.Tier), so.Value + single.Value));
            }

            if (i + 1 < n && plan.Pairs[i].TryGetValue(doc, out var pair))
            {
                best[i + 2] = Better(best[i + 2], new Score(Math.Max(so.Tier, pair.Tier), so.Value + pair.Value));
            }
        }

        return best[n];
    }

    private static Score Better(Score? a, Score b) =>
        a is not { } x ? b : x.Tier != b.Tier ? (x.Tier < b.Tier ? x : b) : (x.Value >= b.Value ? x : b);

    private int LowerBound(string prefix)
    {
        var index = Array.BinarySearch(_vocabulary, prefix, StringComparer.Ordinal);
        return index >= 0 ? index : ~index;
    }

    /// <summary>The words of a text, each with how it is joined to the word before it.</summary>
    private static List<ScannedWord> Scan(string text)
    {
        var words = new List<ScannedWord>();
        var previousEnd = -1;
        foreach (Match match in WordPattern().Matches(text))
        {
            var link = Link.None;
            if (previousEnd >= 0)
            {
                var gap = text.AsSpan(previousEnd, match.Index - previousEnd);
                link = gap.Length == 1 && Joiners.Contains(gap[0]) ? Link.Joined
                    : !gap.IsEmpty && gap.IsWhiteSpace() ? Link.Apart
                    : Link.None;
            }

            words.Add(new ScannedWord(match.Value.ToLowerInvariant(), match.Index, match.Length, link));
            previousEnd = match.Index + match.Length;
        }

        return words;
    }

    /// <summary>First and last indexes of each run of two or more words joined by hyphens, underscores or apostrophes.</summary>
    private static IEnumerable<(int First, int Last)> Runs(List<ScannedWord> words)
    {
        var first = 0;
        for (var i = 1; i <= words.Count; i++)
        {
            if (i < words.Count && words[i].Link == Link.Joined)
            {
                continue;
            }

            if (i - 1 > first)
            {
                yield return (first, i - 1);
            }

            first = i;
        }
    }

    private static TokenList Tokens(string text)
    {
        var words = Scan(text);
        var compounds = Runs(words).Select(r => string.Concat(words.Skip(r.First).Take(r.Last - r.First + 1).Select(w => w.Word))).ToList();
        var apart = new List<string>();
        for (var i = 0; i + 1 < words.Count; i++)
        {
            if (words[i + 1].Link == Link.Apart && words[i].Word.Length >= 2 && words[i + 1].Word.Length >= 2
                && words[i].Word.Length + words[i + 1].Word.Length >= MinJoinedLength)
            {
                apart.Add(words[i].Word + words[i + 1].Word);
            }
        }

        return new TokenList([.. words.Select(w => w.Word), .. compounds], apart);
    }

    private static string HtmlToText(string html)
    {
        var text = WebUtility.HtmlDecode(Tags().Replace(GlossaryMarkup.RemoveTips(html), " "));
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

    // Characters that glue words into one compound: hyphens (ASCII, Unicode hyphen, non-breaking), underscore, apostrophes.
    private static readonly HashSet<char> Joiners = ['-', '\u2010', '\u2011', '_', '\'', '\u2019'];

    private enum Link
    {
        /// <summary>First word, or parted from the one before by punctuation.</summary>
        None,

        /// <summary>Glued to the one before by a single joiner: part of a compound.</summary>
        Joined,

        /// <summary>Parted from the one before by white space only.</summary>
        Apart,
    }

    private readonly record struct ScannedWord(string Word, int Index, int Length, Link Link);

    private readonly record struct Posting(int Doc, int InTitle, int InText);

    /// <summary>A match's quality: <see cref="Tier"/> 0 needed no typo forgiven, 1 did; then the higher value is better.</summary>
    private readonly record struct Score(int Tier, double Value);

    /// <summary>
    /// A text's words and compounds, and the pairs written apart that may be compounds; a pair counts only when the
    /// course uses the joined form somewhere (<see cref="WithPairs"/>).
    /// </summary>
    private sealed record TokenList(IReadOnlyList<string> Words, IReadOnlyList<string> Apart)
    {
        public IEnumerable<string> WithPairs(HashSet<string> known) => Words.Concat(Apart.Where(known.Contains));
    }

    private sealed record QueryPlan(
        IReadOnlyList<string> Terms,
        IReadOnlyList<Dictionary<int, Score>> Singles,
        IReadOnlyList<Dictionary<int, Score>> Pairs,
        HashSet<string> Matched,
        IReadOnlyList<SearchCorrection> Corrections);
}
