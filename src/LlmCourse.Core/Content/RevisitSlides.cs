using LlmCourse.Core.Quizzes;

namespace LlmCourse.Core.Content;

/// <summary>A slide of a lecture (<see cref="Slide"/> set) or a section of notes (<see cref="Section"/> set) to read again.</summary>
/// <param name="Week">The week the lecture or notes belong to.</param>
/// <param name="Item">The lecture or notes.</param>
/// <param name="Title">The slide's title or the section's heading.</param>
public sealed record RevisitPart(int Week, CourseItem Item, int? Slide, string? Section, string Title);

/// <summary>A flashcard of a deck, by week, deck id and card id (as reviews store it).</summary>
public sealed record CardKey(int Week, string DeckId, string CardId);

/// <summary>
/// Which slides and notes sections a learner should revisit after missing questions or cards: the parts those
/// items name with <c>tests=</c> (docs/authoring.md, "Teaching insight"), each once, in course order (weeks, then
/// items as the week lists them, then slides by number or sections as the notes' contents list them).
/// References that no longer resolve (a slide removed since) are left out rather than linked to nothing.
/// </summary>
public static class RevisitSlides
{
    /// <summary>The parts of <paramref name="week"/> named by <paramref name="references"/>.</summary>
    public static IReadOnlyList<RevisitPart> For(Week week, IEnumerable<MaterialReference> references)
    {
        ArgumentNullException.ThrowIfNull(week);
        ArgumentNullException.ThrowIfNull(references);
        var wanted = references.ToHashSet();
        if (wanted.Count == 0)
        {
            return [];
        }

        var parts = new List<RevisitPart>();
        foreach (var item in week.Items)
        {
            switch (item)
            {
                case Lecture lecture:
                    parts.AddRange(lecture.Slides
                        .Where(s => wanted.Contains(new MaterialReference(item.Id, s.Number, null)))
                        .OrderBy(s => s.Number)
                        .Select(s => new RevisitPart(week.Number, item, s.Number, null, s.Title)));
                    break;
                case Notes notes:
                    // A heading id appears once in the contents; Distinct guards a hand-made model that repeats one.
                    parts.AddRange(notes.Toc
                        .Where(t => wanted.Contains(new MaterialReference(item.Id, null, t.Id)))
                        .DistinctBy(t => t.Id, StringComparer.Ordinal)
                        .Select(t => new RevisitPart(week.Number, item, null, t.Id, t.Text)));
                    break;
            }
        }

        return parts;
    }

    /// <summary>The parts behind the questions of <paramref name="quiz"/> (in <paramref name="week"/>) with these ids; unknown ids are ignored.</summary>
    public static IReadOnlyList<RevisitPart> ForQuestions(Week week, Quiz quiz, IEnumerable<string> missedQuestionIds)
    {
        ArgumentNullException.ThrowIfNull(quiz);
        ArgumentNullException.ThrowIfNull(missedQuestionIds);
        var missed = missedQuestionIds.ToHashSet(StringComparer.Ordinal);
        return For(week, quiz.Questions.Where(q => missed.Contains(q.Id)).SelectMany(q => q.Tests));
    }

    /// <summary>
    /// The parts behind the questions an attempt's review shows as missed: wrong, partly right or unanswered.
    /// A question whose mark the review holds back (<see cref="QuestionReview.Grade"/> null, as the reveal rules
    /// decide) counts as neither, so the links never tell more than the review itself; an essay waiting for its
    /// grader has no mark yet either.
    /// </summary>
    public static IReadOnlyList<RevisitPart> ForReview(Week week, Quiz quiz, IEnumerable<QuestionReview> reviews)
    {
        ArgumentNullException.ThrowIfNull(reviews);
        return ForQuestions(week, quiz, reviews
            .Select(r => r.Grade)
            .Where(g => g is { State: GradeState.Incorrect or GradeState.Partial or GradeState.Unanswered })
            .Select(g => g!.QuestionId));
    }

    /// <summary>The parts behind these cards, across weeks; cards of unknown weeks or decks are ignored.</summary>
    public static IReadOnlyList<RevisitPart> ForCards(Course course, IEnumerable<CardKey> missed)
    {
        ArgumentNullException.ThrowIfNull(course);
        ArgumentNullException.ThrowIfNull(missed);
        var byWeek = missed.ToLookup(c => c.Week);
        var parts = new List<RevisitPart>();
        foreach (var week in course.Weeks.Where(w => byWeek.Contains(w.Number)).OrderBy(w => w.Number))
        {
            var keys = byWeek[week.Number].Select(c => (c.DeckId, c.CardId)).ToHashSet();
            var references = week.Items.OfType<Deck>()
                .SelectMany(d => d.Cards.Where(c => keys.Contains((d.Id, c.Id))).SelectMany(c => c.Tests));
            parts.AddRange(For(week, references));
        }

        return parts;
    }

    /// <summary>The parts behind these cards of one deck (a practice test's wrong answers).</summary>
    public static IReadOnlyList<RevisitPart> ForCards(Week week, Deck deck, IEnumerable<string> missedCardIds)
    {
        ArgumentNullException.ThrowIfNull(deck);
        ArgumentNullException.ThrowIfNull(missedCardIds);
        var missed = missedCardIds.ToHashSet(StringComparer.Ordinal);
        return For(week, deck.Cards.Where(c => missed.Contains(c.Id)).SelectMany(c => c.Tests));
    }
}
