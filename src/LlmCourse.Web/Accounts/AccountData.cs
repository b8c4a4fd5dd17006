using LlmCourse.Core.Content;
using LlmCourse.Core.Quizzes;
using LlmCourse.Web.Content;
using LlmCourse.Web.Data;
using LlmCourse.Web.Quizzes;
using LlmCourse.Web.Study;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace LlmCourse.Web.Accounts;

/// <summary>Everything the site stores about one learner: exported on request, deleted with the account.</summary>
public sealed class AccountData(
    AppDbContext db, UserManager<AppUser> users, ApiTokenCache tokenCache, ApiTokenUsage tokenUsage, QuizService quizzes, CourseStore course, TimeProvider clock)
{
    public async Task<AccountExport> ExportAsync(AppUser user, CancellationToken ct = default)
    {
        // Tokens' "last used" times are written behind the calls; the export shows this instance's latest.
        await tokenUsage.FlushAsync(ct);
        var visits = await db.ItemVisits.AsNoTracking().Where(v => v.UserId == user.Id).OrderBy(v => v.Day).ThenBy(v => v.WeekNumber).ToListAsync(ct);
        var completions = await db.ItemCompletions.AsNoTracking().Where(c => c.UserId == user.Id).OrderBy(c => c.CompletedAt).ToListAsync(ct);
        var tokens = await db.ApiTokens.AsNoTracking().Where(t => t.UserId == user.Id).OrderBy(t => t.CreatedAt).ToListAsync(ct);
        var attempts = await db.QuizAttempts.AsNoTracking().Where(a => a.UserId == user.Id).OrderBy(a => a.StartedAt).ToListAsync(ct);
        var attemptIds = attempts.Select(a => a.Id).ToList();
        var answers = (await db.QuizAnswers.AsNoTracking().Where(a => attemptIds.Contains(a.AttemptId)).ToListAsync(ct)).ToLookup(a => a.AttemptId);
        var cards = await db.StudyCards.AsNoTracking().Where(c => c.UserId == user.Id).OrderBy(c => c.WeekNumber).ThenBy(c => c.DeckId).ToListAsync(ct);
        var reviews = await db.StudyReviews.AsNoTracking().Where(r => r.UserId == user.Id).OrderBy(r => r.ReviewedAt).ToListAsync(ct);
        var sessions = await db.StudySessions.AsNoTracking().Where(s => s.UserId == user.Id).OrderBy(s => s.StartedAt).ToListAsync(ct);
        var posts = await db.Set<DiscussionPost>().AsNoTracking().Where(p => p.AuthorId == user.Id).OrderBy(p => p.Id)
            .Join(db.Set<DiscussionThread>(), p => p.ThreadId, t => t.Id, (p, t) => new DiscussionPostExport(t.WeekNumber, t.ItemId, t.Slide, t.Title, p.IsOpening, p.BodyMarkdown, p.CreatedAt, p.EditedAt, p.DeletedAt))
            .ToListAsync(ct);
        var slideViews = await db.Set<SlideView>().AsNoTracking().Where(v => v.UserId == user.Id).OrderBy(v => v.ViewedAt).ThenBy(v => v.Id)
            .Select(v => new SlideViewExport(v.WeekNumber, v.LectureId, v.Slide, v.ViewedAt))
            .ToListAsync(ct);
        var decks = await db.PrivateDecks.AsNoTracking().Where(d => d.UserId == user.Id).OrderBy(d => d.CreatedAt).ThenBy(d => d.Id).ToListAsync(ct);
        var deckIds = decks.Select(d => d.Id).ToList();
        var deckCards = (await db.PrivateCards.AsNoTracking().Where(c => deckIds.Contains(c.DeckId)).ToListAsync(ct)).ToLookup(c => c.DeckId);
        var quizAttempts = new List<QuizAttemptExport>(attempts.Count);
        foreach (var attempt in attempts)
        {
            quizAttempts.Add(await AttemptExportAsync(attempt, answers[attempt.Id], ct));
        }

        return new AccountExport(
            clock.GetUtcNow().UtcDateTime,
            new(user.Email ?? "", user.DisplayName, user.CreatedAt, [.. await users.GetRolesAsync(user)]),
            [.. visits.Select(v => new VisitExport(v.Day, v.WeekNumber, v.ItemId, v.LastSlide, SlideList(v.SlidesSeen), v.FirstAt, v.LastAt))],
            [.. completions.Select(c => new CompletionExport(c.WeekNumber, c.ItemId, c.CompletedAt, c.Source))],
            [.. tokens.Select(t => new TokenExport(t.Name, t.Prefix, t.CreatedAt, t.LastUsedAt, t.RevokedAt))],
            quizAttempts,
            [.. cards.Select(c => new StudyCardExport(c.WeekNumber, c.DeckId, c.CardId, c.State, c.Stability, c.Difficulty, c.Due, c.LastReview, c.Starred))],
            [.. reviews.Select(r => new StudyReviewExport(r.WeekNumber, r.DeckId, r.CardId, r.Rating, r.ReviewedAt, r.ElapsedDays, r.ScheduledDays, r.StateBefore, r.StateAfter))],
            // A session's running state is left out: it may hold a practice test's answer key.
            [.. sessions.Select(s => new StudySessionExport(s.WeekNumber, s.DeckId, s.Mode, s.StartedAt, s.FinishedAt, s.Correct, s.Answered, s.TimeMs))],
            posts,
            slideViews,
            // Study records of a private deck's cards are among the ones above, under week -1 and this deck key.
            [.. decks.Select(d => new PrivateDeckExport(
                StudyDeck.PrivateKey(d.Id), d.Title, d.CreatedAt, d.UpdatedAt, d.CopiedFrom,
                [.. deckCards[d.Id].OrderBy(c => c.Position).ThenBy(c => c.Id).Select(c => new PrivateCardExport(PrivateDecks.CardKey(c.Id), c.Front, c.Back))]))]);
    }

    /// <summary>Deletes the account; every record of the learner goes with it (foreign keys cascade).</summary>
    public async Task<IdentityResult> DeleteAsync(AppUser user)
    {
        // What they wrote in discussions is erased first; the rows stay so others' replies keep their thread.
        await Discussion.DiscussionService.ForgetAuthorAsync(db, user.Id, clock.GetUtcNow().UtcDateTime);
        var result = await users.DeleteAsync(user);
        tokenCache.ForgetUser(user.Id);
        return result;
    }

    /// <summary>
    /// One attempt as its learner may see it anywhere else on the site: answers keyed by the opaque ids the
    /// attempt showed (an authored id can spell its answer), and the score and pass/fail only while the quiz
    /// shows marks (<c>show-marks</c>), judged by the quiz now and at the attempt's revision; when neither is
    /// known any more, marks stay hidden and the answers, which could not be keyed safely, are left out.
    /// </summary>
    private async Task<QuizAttemptExport> AttemptExportAsync(QuizAttempt attempt, IEnumerable<QuizAnswer> saved, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var current = course.Current.FindWeek(attempt.WeekNumber)?.FindItem(attempt.QuizId) as Quiz;
        var taken = await quizzes.QuizAtAsync(attempt.Revision, current, ct);
        var marks = (current ?? taken) is not null
            && (current is null || RevealRules.MarksVisible(current.Settings, now))
            && (taken is null || RevealRules.MarksVisible(taken.Settings, now));
        var ids = taken is null ? null : PublicQuestionIds.For(taken);
        var answers = ids is null
            ? []
            : saved.Where(x => taken!.Questions.Any(q => q.Id == x.QuestionId))
                .Select(x => new QuizAnswerExport(ids.Of(x.QuestionId), x.ResponseJson, x.SavedAt))
                .OrderBy(x => x.Question, StringComparer.Ordinal)
                .ToList();
        return new QuizAttemptExport(
            attempt.WeekNumber, attempt.QuizId, attempt.Number, attempt.Revision, attempt.StartedAt, attempt.Deadline, attempt.SubmittedAt, attempt.AutoClosed,
            marks ? attempt.Score : null, attempt.MaxScore, marks ? attempt.Passed : null, answers);
    }

    private static int[] SlideList(long mask) =>
        [.. Enumerable.Range(1, 63).Where(n => (mask & (1L << (n - 1))) != 0)];
}

public sealed record AccountExport(
    DateTime ExportedAt,
    ProfileExport Profile,
    IReadOnlyList<VisitExport> Visits,
    IReadOnlyList<CompletionExport> Completions,
    IReadOnlyList<TokenExport> ApiTokens,
    IReadOnlyList<QuizAttemptExport> QuizAttempts,
    IReadOnlyList<StudyCardExport> StudyCards,
    IReadOnlyList<StudyReviewExport> StudyReviews,
    IReadOnlyList<StudySessionExport> StudySessions,
    IReadOnlyList<DiscussionPostExport> DiscussionPosts,
    IReadOnlyList<SlideViewExport> SlideViews,
    IReadOnlyList<PrivateDeckExport> PrivateDecks);

/// <summary>A deck the learner made or copied: <paramref name="Key"/> is the deck id its study records carry.</summary>
public sealed record PrivateDeckExport(string Key, string Title, DateTime CreatedAt, DateTime UpdatedAt, string? CopiedFrom, IReadOnlyList<PrivateCardExport> Cards);

/// <param name="Key">The card id its study records carry.</param>
public sealed record PrivateCardExport(string Key, string Front, string Back);

/// <summary>Each opening of a slide with its instant (what the instructors' per-slide reading figures are made of).</summary>
public sealed record SlideViewExport(int Week, string Item, int Slide, DateTime ViewedAt);

public sealed record ProfileExport(string Email, string DisplayName, DateTime CreatedAt, IReadOnlyList<string> Roles);

public sealed record VisitExport(DateOnly Day, int Week, string Item, int LastSlide, int[] SlidesSeen, DateTime FirstAt, DateTime LastAt);

public sealed record CompletionExport(int Week, string Item, DateTime CompletedAt, string Source);

public sealed record TokenExport(string Name, string Prefix, DateTime CreatedAt, DateTime? LastUsedAt, DateTime? RevokedAt);

/// <param name="Score">Null while unscored (an essay waits for grading) and while the quiz holds marks back (<c>show-marks</c>).</param>
/// <param name="Passed">Null while the quiz holds marks back.</param>
/// <param name="Answers">Each saved answer (JSON in the shape the quiz API takes), keyed by the id the attempt showed.</param>
public sealed record QuizAttemptExport(
    int Week, string Quiz, int Number, string Revision, DateTime StartedAt, DateTime? Deadline, DateTime? SubmittedAt,
    bool AutoClosed, double? Score, double MaxScore, bool? Passed, IReadOnlyList<QuizAnswerExport> Answers);

/// <param name="Question">The question's id as the attempt showed it (<see cref="PublicQuestionIds"/>), never the authored one.</param>
public sealed record QuizAnswerExport(string Question, string Response, DateTime SavedAt);

public sealed record StudyCardExport(int Week, string Deck, string Card, int State, double? Stability, double? Difficulty, DateTime Due, DateTime? LastReview, bool Starred);

public sealed record StudyReviewExport(int Week, string Deck, string Card, int Rating, DateTime ReviewedAt, int ElapsedDays, int ScheduledDays, int StateBefore, int StateAfter);

public sealed record StudySessionExport(int Week, string Deck, string Mode, DateTime StartedAt, DateTime? FinishedAt, int Correct, int Answered, long? TimeMs);

/// <param name="Thread">The thread's title; <paramref name="Opening"/> is true for the post that started it.</param>
public sealed record DiscussionPostExport(int Week, string Item, int? Slide, string Thread, bool Opening, string Markdown, DateTime PostedAt, DateTime? EditedAt, DateTime? DeletedAt);
