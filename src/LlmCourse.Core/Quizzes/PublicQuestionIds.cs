using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using LlmCourse.Core.Content;

namespace LlmCourse.Core.Quizzes;

/// <summary>
/// The ids learners see for a quiz's questions, in pages, form fields and the API. Authored ids are chosen
/// by people and can name the answer (a short-answer question <c>{#few-shot}</c> whose answer is
/// "few-shot"), so learners get an opaque id instead and the server maps it back.
/// </summary>
/// <remarks>
/// An id is <c>"q"</c> + 12 hex digits of HMAC-SHA256 over the authored id, keyed by a hash of the quiz's
/// whole source and answer key. It is the same on every request and every instance (autosave and a page
/// kept open across a restart keep working), it changes with the revision (attempts keep the revision
/// they started on), and without the answer key it can be neither computed nor tested against a guess:
/// a plain hash of the authored id could be checked against candidate answers offline.
/// </remarks>
public sealed class PublicQuestionIds
{
    private static readonly ConditionalWeakTable<Quiz, PublicQuestionIds> _cache = new();

    private readonly Dictionary<string, string> _byQuestion = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _byPublic = new(StringComparer.Ordinal);

    private PublicQuestionIds(Quiz quiz)
    {
        var key = SHA256.HashData(Encoding.UTF8.GetBytes(KeyMaterial(quiz)));
        foreach (var length in new[] { 6, 16 })
        {
            _byQuestion.Clear();
            _byPublic.Clear();
            foreach (var question in quiz.Questions)
            {
                var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(question.Id));
                var id = "q" + Convert.ToHexStringLower(mac.AsSpan(0, length));
                _byQuestion.TryAdd(question.Id, id);
                _byPublic.TryAdd(id, question.Id);
            }

            // Two questions sharing 48 bits is all but impossible; if it happens, longer ids for all.
            if (_byPublic.Count == _byQuestion.Count)
            {
                break;
            }
        }
    }

    /// <summary>The ids of <paramref name="quiz"/>'s questions (computed once per quiz object).</summary>
    public static PublicQuestionIds For(Quiz quiz)
    {
        ArgumentNullException.ThrowIfNull(quiz);
        return _cache.GetValue(quiz, q => new PublicQuestionIds(q));
    }

    /// <summary>The id learners see for the question authored as <paramref name="questionId"/>.</summary>
    /// <exception cref="ArgumentException">The quiz has no such question.</exception>
    public string Of(string questionId) =>
        _byQuestion.TryGetValue(questionId, out var id) ? id : throw new ArgumentException($"The quiz has no question '{questionId}'.", nameof(questionId));

    /// <summary>The authored id behind a learner-facing id; null when the quiz has no such question.</summary>
    public string? QuestionOf(string publicId) => _byPublic.GetValueOrDefault(publicId);

    // The source holds the answer key and explanations; the parsed key is added for quizzes built in code.
    private static string KeyMaterial(Quiz quiz)
    {
        var text = new StringBuilder("LlmCourse public question ids v1\n").Append(quiz.Markdown).Append('\n');
        foreach (var q in quiz.Questions)
        {
            text.Append(q.Id).Append('\n')
                .AppendJoin(',', q.Choices.Where(c => c.Correct).Select(c => c.Id)).Append('\n')
                .AppendJoin('\n', q.AcceptedAnswers).Append('\n')
                .Append(q.AcceptedPattern).Append('\n')
                .Append(q.Numeric is { } n ? string.Create(CultureInfo.InvariantCulture, $"{n.Value}±{n.Tolerance}") : "").Append('\n')
                .AppendJoin('\n', q.Pairs.Select(p => p.Left + "->" + p.Right)).Append('\n')
                .AppendJoin('\n', q.OrderedItems).Append('\n')
                .Append(q.ExplanationHtml).Append('\n');
        }

        return text.ToString();
    }
}
