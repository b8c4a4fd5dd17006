using LlmCourse.Core.Content;
using LlmCourse.Core.Lab;
using LlmCourse.Web.Content;

namespace LlmCourse.Web.Lab;

/// <summary>The playground's language model and what it was trained on.</summary>
/// <param name="Model">The trained trigram model.</param>
/// <param name="Revision">The content revision the text came from.</param>
/// <param name="Weeks">Numbers of the weeks whose text was used (those visible when it was built).</param>
/// <param name="Documents">Number of texts (transcripts, slides, notes, card answers) trained on.</param>
public sealed record LabLanguageModel(NGramModel Model, string Revision, IReadOnlyList<int> Weeks, int Documents);

/// <summary>
/// Trains the sampling playground's n-gram model once per content revision and set of visible weeks, and
/// hands the same instance to every request until either changes. Training happens lazily on the first
/// request after a change; <see cref="CourseStore.Changed"/> only drops the stale model early to free memory.
/// </summary>
public sealed class LabModelProvider : IDisposable
{
    private readonly CourseStore _store;
    private readonly TimeProvider _clock;
    private readonly ILogger<LabModelProvider> _logger;
    private readonly Lock _buildLock = new();
    private volatile Built? _current;
    private int _buildCount;

    public LabModelProvider(CourseStore store, TimeProvider clock, ILogger<LabModelProvider> logger)
    {
        _store = store;
        _clock = clock;
        _logger = logger;
        _store.Changed += OnCourseChanged;
    }

    /// <summary>How many times a model has been trained (tests use it to prove there is no per-request training).</summary>
    public int BuildCount => Volatile.Read(ref _buildCount);

    /// <summary>The model for the published text visible now, or null when no visible week has any text.</summary>
    public LabLanguageModel? Current()
    {
        var snapshot = _store.Current;
        var weeks = snapshot.VisibleWeeks(_clock.GetUtcNow()).ToList();
        var key = $"{snapshot.Revision}|{string.Join(',', weeks.Select(w => w.Number))}";
        var built = _current;
        if (built?.Key == key)
        {
            return built.Model;
        }

        lock (_buildLock)
        {
            built = _current;
            if (built?.Key == key)
            {
                return built.Model;
            }

            var texts = LabCorpus.Texts(weeks);
            LabLanguageModel? model = null;
            if (texts.Any(t => LabTokenizer.Tokenize(t).Count > 0))
            {
                model = new LabLanguageModel(NGramModel.Train(texts), snapshot.Revision, [.. weeks.Select(w => w.Number)], texts.Count);
                Interlocked.Increment(ref _buildCount);
                _logger.LogInformation(
                    "Lab model trained on revision {Revision}: {Sentences} sentences, {Tokens} tokens, {Vocabulary} types",
                    snapshot.Revision, model.Model.SentenceCount, model.Model.TokenCount, model.Model.Vocabulary.Count);
            }

            _current = new Built(key, model);
            return model;
        }
    }

    public void Dispose() => _store.Changed -= OnCourseChanged;

    private void OnCourseChanged(CourseSnapshot snapshot) => _current = null;

    private sealed record Built(string Key, LabLanguageModel? Model);
}

/// <summary>The course's published text the playground learns from.</summary>
public static class LabCorpus
{
    /// <summary>
    /// Lecture slide titles, slide text and transcripts, notes text and flashcard answers of
    /// <paramref name="weeks"/>. Quizzes are left out so the model cannot give answers away.
    /// </summary>
    public static IReadOnlyList<string> Texts(IEnumerable<Week> weeks)
    {
        ArgumentNullException.ThrowIfNull(weeks);
        var texts = new List<string>();
        foreach (var item in weeks.SelectMany(w => w.Items))
        {
            switch (item)
            {
                case Lecture lecture:
                    foreach (var slide in lecture.Slides)
                    {
                        texts.Add(slide.Title);
                        texts.Add(ContentText.FromHtml(slide.BodyHtml));
                        texts.Add(slide.TranscriptText);
                    }

                    break;
                case Notes notes:
                    texts.Add(notes.Text);
                    break;
                case Deck deck:
                    texts.AddRange(deck.Cards.Select(c => c.AnswerText));
                    break;
            }
        }

        return texts.Where(t => !string.IsNullOrWhiteSpace(t)).ToList();
    }
}
