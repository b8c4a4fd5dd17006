using System.Security.Cryptography;
using System.Text.Json;
using LlmCourse.Core.Content;
using LlmCourse.Core.Quizzes;
using LlmCourse.Web.Data;
using LlmCourse.Web.Progress;
using Microsoft.EntityFrameworkCore;

namespace LlmCourse.Web.Quizzes;

/// <summary>
/// Attempts at quizzes: start, save, submit, close when time runs out, review. The rules are the pure ones
/// of <c>LlmCourse.Core.Quizzes</c>; this class adds storage and the database guards that keep them under
/// concurrency: a unique (learner, quiz, number) index caps starts, and a conditional
/// <c>UPDATE … WHERE SubmittedAt IS NULL</c> makes a submit grade exactly once.
/// </summary>
/// <remarks>
/// Overdue attempts are closed lazily, whenever the learner's attempts are read (pages and API), and by
/// <see cref="QuizSweeper"/> once a minute, so an abandoned attempt is graded even if nobody looks at it.
/// </remarks>
public sealed class QuizService(AppDbContext db, QuizRevisions revisions, AttemptInserts inserts, ProgressService progress, QuizOverrides overrides, TimeProvider clock, ILogger<QuizService> logger)
{
    public const string CompletionSource = CompletionRules.ByGrade;

    /// <summary>
    /// What an overview reads, in one round trip (a quiz start at exam time is otherwise three): the learner's timing
    /// and grade overrides at the quiz and their attempts in order. Null when the account is gone.
    /// </summary>
    /// <remarks>
    /// Each part names the learner twice: joined to the account row (SQLite has no LATERAL join, so EF Core needs the
    /// correlation) and by the parameter, so every part is an index lookup on (UserId, WeekNumber, QuizId) whatever
    /// plan the database picks, never a scan of the whole class's attempts at the quiz.
    /// </remarks>
    private static readonly CompiledPerModel<Func<AppDbContext, string, int, string, CancellationToken, Task<OverviewRows?>>> ReadOverview = new(() => EF.CompileAsyncQuery(
        (AppDbContext db, string userId, int week, string quizId, CancellationToken ct) =>
            db.Users.AsNoTracking()
                .Where(u => u.Id == userId)
                .Select(u => new OverviewRows(
                    db.QuizUserOverrides.FirstOrDefault(o => o.UserId == u.Id && o.UserId == userId && o.WeekNumber == week && o.QuizId == quizId),
                    db.GradeOverrides.FirstOrDefault(o => o.UserId == u.Id && o.UserId == userId && o.WeekNumber == week && o.QuizId == quizId),
                    db.QuizAttempts.Where(a => a.UserId == u.Id && a.UserId == userId && a.WeekNumber == week && a.QuizId == quizId).OrderBy(a => a.Number).ToList()))
                .FirstOrDefault()));

    private sealed record OverviewRows(QuizUserOverride? Timing, GradeOverride? Grade, List<QuizAttempt> Attempts);

    /// <summary>The learner's attempts at a quiz (overdue ones closed first), the grade that counts, and whether a new attempt may start.</summary>
    /// <remarks>The learner's own override (close date, time limit, grade) is applied here, so starts, the grade and the page all follow it.</remarks>
    public async Task<QuizOverview> OverviewAsync(string userId, Week week, Quiz quiz, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(week);
        ArgumentNullException.ThrowIfNull(quiz);
        var rows = await ReadOverview.For(db)(db, userId, week.Number, quiz.Id, ct);
        var own = rows?.Timing is { } timing ? QuizOverrides.ToOverride(timing) : null;
        var settings = AttemptRules.Apply(quiz.Settings, own);
        var attempts = rows?.Attempts ?? [];
        if (await CloseOverdueAsync(attempts, quiz, ct))
        {
            attempts = await AttemptsAsync(userId, week.Number, quiz.Id, ct);
        }

        var now = clock.GetUtcNow();
        var marks = RevealRules.MarksVisible(settings, now);
        var grade = rows?.Grade is { } row ? QuizOverrides.ToGrade(row) : null;
        var counting = marks ? GradeOverrides.Counting(CountingFraction(settings, attempts), grade?.Fraction) : null;
        var inProgress = attempts.FirstOrDefault(a => a.SubmittedAt is null);
        var decision = AttemptRules.CanStart(settings, attempts.Count, inProgress is not null, now);
        return new QuizOverview(attempts, counting, counting is { } c && AttemptRules.Passed(c, 1, settings.PassMark), decision, inProgress, marks)
        {
            Override = own,
            GradeOverridden = grade is not null && marks,
        };
    }

    /// <summary>Starts an attempt on the quiz's current revision, or says why not. Parallel starts never exceed the limit.</summary>
    public async Task<StartResult> StartAsync(string userId, Week week, Quiz quiz, CancellationToken ct = default)
    {
        await StoreSnapshotAsync(quiz, ct);

        // A lost race on the unique attempt number means another start just won: look again.
        for (var round = 0; round < 5; round++)
        {
            var overview = await OverviewAsync(userId, week, quiz, ct);
            if (overview.InProgress is { } open)
            {
                return new StartResult(StartOutcome.InProgress, open, "You have an attempt in progress; continue it.");
            }

            if (!overview.Decision.Allowed)
            {
                return new StartResult(StartOutcome.Refused, null, overview.Decision.Message);
            }

            var now = clock.GetUtcNow();
            var attempt = new QuizAttempt
            {
                Id = Guid.NewGuid().ToString("N"),
                UserId = userId,
                WeekNumber = week.Number,
                QuizId = quiz.Id,
                Number = overview.Attempts.Count + 1,
                Seed = RandomNumberGenerator.GetInt32(int.MaxValue),
                Revision = quiz.Revision,
                StartedAt = now.UtcDateTime,
                Deadline = AttemptRules.Deadline(AttemptRules.Apply(quiz.Settings, overview.Override), now)?.UtcDateTime,
                MaxScore = quiz.Questions.Sum(q => q.Points),
            };

            // Written with the starts of other learners that arrive meanwhile (group commit); false is a lost race.
            // Only the lost race is retried; any other failure is a real error and goes up.
            if (await inserts.InsertAsync(attempt))
            {
                return new StartResult(StartOutcome.Started, attempt, "");
            }
        }

        return new StartResult(StartOutcome.Refused, null, "Another start of this quiz was in progress; try again.");
    }

    /// <summary>
    /// The learner's attempt with this id at this quiz, closed first if its time ran out; null when there is
    /// none or it is someone else's (callers answer 404 either way, so ids cannot be probed).
    /// </summary>
    public async Task<LoadedAttempt?> LoadAsync(string userId, Week week, Quiz current, string attemptId, CancellationToken ct = default)
    {
        if (await FindOwnAsync(userId, week, current, attemptId, ct) is not var (attempt, quiz))
        {
            return null;
        }

        if (attempt.SubmittedAt is null && await CloseIfOverdueAsync(attempt, quiz, ct))
        {
            attempt = (await FindAsync(attemptId, ct))!;
        }

        if (attempt.GradedRevision is { } graded && graded != quiz.Revision)
        {
            quiz = await QuizAtAsync(graded, current, ct) ?? quiz;
        }

        // The review's "after close" rules follow the learner's own close date.
        quiz = quiz with { Settings = await TimingAsync(attempt, quiz, ct) };

        var used = await db.QuizAttempts.CountAsync(a => a.UserId == userId && a.WeekNumber == week.Number && a.QuizId == current.Id, ct);
        var manual = attempt.SubmittedAt is null ? null : (await ManualGrades.LatestAsync(db, [attempt.Id], ct)).GetValueOrDefault(attempt.Id);
        return new LoadedAttempt(attempt, week, quiz, await SavedAsync(attempt.Id, ct), used, manual);
    }

    /// <summary>
    /// Stores the given answers, keyed by the ids learners see (<see cref="PublicQuestionIds"/>); each replaces
    /// that question's earlier answer, and all are stored before returning. Refused, changing nothing, when any
    /// answer names no question of the attempt or does not fit its question (<see cref="ResponseBounds"/>),
    /// once the attempt is submitted, or past its deadline plus the grace period.
    /// </summary>
    public async Task<WriteResult> SaveAsync(LoadedAttempt loaded, IReadOnlyDictionary<string, QuestionResponse> answers, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        return await SaveAsync(loaded.Attempt, loaded.Quiz, answers, ct);
    }

    /// <summary>
    /// The same save by attempt id, for the API: it reads only the attempt row (not its answers or the learner's
    /// other attempts, which a save does not need). Null when the learner has no such attempt at this quiz.
    /// </summary>
    public async Task<WriteResult?> SaveAsync(string userId, Week week, Quiz current, string attemptId, IReadOnlyDictionary<string, QuestionResponse> answers, CancellationToken ct = default) =>
        await FindOwnAsync(userId, week, current, attemptId, ct) is var (attempt, quiz) ? await SaveAsync(attempt, quiz, answers, ct) : null;

    private async Task<WriteResult> SaveAsync(QuizAttempt attempt, Quiz quiz, IReadOnlyDictionary<string, QuestionResponse> answers, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var (byQuestion, refusal) = Check(quiz, answers);
        return byQuestion is null ? refusal!
            : await ClosedAsync(attempt, quiz, ct) is { } closed ? closed
            : await WriteAnswersAsync(attempt, byQuestion, ct);
    }

    /// <summary>
    /// Why nothing may be written to the attempt any more (already submitted, or its time and the grace period
    /// are over, when it is closed with what was saved); null while it is open.
    /// </summary>
    private async Task<WriteResult?> ClosedAsync(QuizAttempt attempt, Quiz quiz, CancellationToken ct)
    {
        if (attempt.SubmittedAt is not null)
        {
            return attempt.AutoClosed ? TooLate(attempt) : AlreadySubmitted;
        }

        if (!AttemptRules.CanSave(await TimingAsync(attempt, quiz, ct), Utc(attempt.StartedAt), clock.GetUtcNow()))
        {
            await CloseIfOverdueAsync(attempt, quiz, ct);
            return TooLate(attempt);
        }

        return null;
    }

    private async Task<WriteResult> WriteAnswersAsync(QuizAttempt attempt, Dictionary<string, QuestionResponse> byQuestion, CancellationToken ct)
    {
        if (byQuestion.Count == 0)
        {
            return WriteResult.Ok;
        }

        var savedAt = clock.GetUtcNow().UtcDateTime;

        // The save is an upsert of the same values, so after a dropped connection (a failover, a restarted server) the
        // whole transaction is simply run again: Data/ResilientExecutionStrategy.
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(
            (attempt, byQuestion, savedAt),
            (state, token) => WriteAnswersOnceAsync(state.attempt, state.byQuestion, state.savedAt, token),
            ct);
    }

    private async Task<WriteResult> WriteAnswersOnceAsync(QuizAttempt attempt, Dictionary<string, QuestionResponse> byQuestion, DateTime savedAt, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var (questionId, response) in byQuestion)
        {
            var json = ResponseCodec.Serialize(response);

            // Writes only while the attempt is open, checked in the same statement: a save racing a submit
            // either lands before the submit claims the attempt (and is graded) or not at all.
            var rows = await db.Database.ExecuteSqlAsync(
                $"""
                INSERT INTO "QuizAnswers" ("AttemptId", "QuestionId", "ResponseJson", "Revision", "SavedAt")
                SELECT {attempt.Id}, {questionId}, {json}, {attempt.Revision}, {savedAt}
                WHERE EXISTS (SELECT 1 FROM "QuizAttempts" WHERE "Id" = {attempt.Id} AND "SubmittedAt" IS NULL)
                ON CONFLICT ("AttemptId", "QuestionId") DO UPDATE SET
                  "ResponseJson" = excluded."ResponseJson", "Revision" = excluded."Revision", "SavedAt" = excluded."SavedAt"
                """,
                ct);
            if (rows == 0)
            {
                await tx.RollbackAsync(ct);
                return AlreadySubmitted;
            }
        }

        await tx.CommitAsync(ct);
        return WriteResult.Ok;
    }

    /// <summary>
    /// Saves <paramref name="lastAnswers"/> (if any) and hands the attempt in, grading it once. A second
    /// submit, even in parallel, finds it already submitted and changes nothing. The result carries the attempt
    /// as graded, so the caller need not read it again.
    /// </summary>
    public async Task<SubmitResult> SubmitAsync(LoadedAttempt loaded, IReadOnlyDictionary<string, QuestionResponse>? lastAnswers = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        var (byQuestion, refusal) = Check(loaded.Quiz, lastAnswers ?? new Dictionary<string, QuestionResponse>());
        if (byQuestion is null)
        {
            return new SubmitResult(refusal!, loaded);
        }

        var write = await ClosedAsync(loaded.Attempt, loaded.Quiz, ct) ?? await WriteAnswersAsync(loaded.Attempt, byQuestion, ct);
        if (write.Outcome != WriteOutcome.Done)
        {
            return new SubmitResult(write, loaded);
        }

        return await FinishAsync(loaded.Attempt, loaded.Quiz, clock.GetUtcNow(), autoClosed: false, ct) is var (graded, saved)
            ? new SubmitResult(WriteResult.Ok, loaded with { Attempt = graded, Saved = saved })
            : new SubmitResult(AlreadySubmitted, loaded);
    }

    /// <summary>What the review of this attempt may show now.</summary>
    public ReviewOptions ReviewOptions(LoadedAttempt loaded)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        return RevealRules.Review(loaded.Quiz.Settings, loaded.Submitted, loaded.AttemptsUsed, clock.GetUtcNow());
    }

    /// <summary>Whether the learner may see the marks (scores, pass/fail) of their attempts at <paramref name="quiz"/> now.</summary>
    public bool MarksVisible(Quiz quiz)
    {
        ArgumentNullException.ThrowIfNull(quiz);
        return RevealRules.MarksVisible(quiz.Settings, clock.GetUtcNow());
    }

    /// <summary>The review of each question, in the order the attempt showed them, limited by the reveal rules.</summary>
    public IReadOnlyList<QuestionReview> Review(LoadedAttempt loaded)
    {
        var options = ReviewOptions(loaded);
        var ids = loaded.Ids;
        return AttemptShuffle.Questions(loaded.Quiz, loaded.Attempt.Seed)
            .Select((q, i) => ReviewBuilder.Build(
                q, ids.Of(q.Id), i + 1, loaded.Quiz.Settings.ShuffleChoices, loaded.Attempt.Seed, loaded.Saved.GetValueOrDefault(q.Id), options, loaded.Manual?.GetValueOrDefault(q.Id)))
            .ToList();
    }

    /// <summary>Closes every attempt (of anyone) past its deadline and grace period; returns how many. Used by <see cref="QuizSweeper"/>.</summary>
    public async Task<int> CloseAllOverdueAsync(CancellationToken ct = default)
    {
        var cutoff = (clock.GetUtcNow() - AttemptRules.GracePeriod).UtcDateTime;
        var overdue = await db.QuizAttempts.AsNoTracking()
            .Where(a => a.SubmittedAt == null && a.Deadline != null && a.Deadline < cutoff)
            .ToListAsync(ct);
        var closed = 0;
        foreach (var attempt in overdue)
        {
            var quiz = await QuizAtAsync(attempt.Revision, null, ct);
            if (quiz is not null && await CloseIfOverdueAsync(attempt, quiz, ct))
            {
                closed++;
            }
        }

        return closed;
    }

    /// <summary>The quiz at <paramref name="revision"/>: the current one when it matches, else re-parsed from the stored snapshot.</summary>
    public async Task<Quiz?> QuizAtAsync(string revision, Quiz? current, CancellationToken ct = default)
    {
        if (current is not null && current.Revision == revision)
        {
            return current;
        }

        var snapshot = await db.QuizSnapshots.AsNoTracking().FirstOrDefaultAsync(s => s.Revision == revision, ct);
        if (snapshot is null)
        {
            logger.LogWarning("No stored snapshot of quiz revision {Revision}", revision);
            return null;
        }

        return revisions.FromSnapshot(snapshot.Revision, snapshot.SourceFile, snapshot.Markdown);
    }

    /// <summary>Keeps the quiz's Markdown under its revision, once, so attempts can always be re-read as taken.</summary>
    public async Task StoreSnapshotAsync(Quiz quiz, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(quiz);
        if (revisions.IsStored(quiz.Revision))
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO "QuizSnapshots" ("Revision", "SourceFile", "Markdown", "StoredAt")
            VALUES ({quiz.Revision}, {quiz.SourceFile}, {quiz.Markdown}, {now})
            ON CONFLICT ("Revision") DO NOTHING
            """,
            ct);
        revisions.MarkStored(quiz.Revision);
    }

    /// <summary>The counting grade as a fraction of the maximum, over finished attempts.</summary>
    public static double? CountingFraction(QuizSettings settings, IReadOnlyList<QuizAttempt> attempts)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var finished = attempts
            .Where(a => a.SubmittedAt is not null && a.Score is not null)
            .Select(a => new FinishedAttempt(a.Number, a.MaxScore > 0 ? a.Score!.Value / a.MaxScore : 1))
            .ToList();
        return AttemptRules.FinalScore(settings.Grading, finished);
    }

    /// <summary>The per-question marks stored with a graded attempt.</summary>
    public static IReadOnlyDictionary<string, double> Marks(QuizAttempt attempt)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        return string.IsNullOrEmpty(attempt.MarksJson)
            ? new Dictionary<string, double>()
            : JsonSerializer.Deserialize<Dictionary<string, double>>(attempt.MarksJson) ?? [];
    }

    /// <summary>The marks given so far, keyed by question id; an essay waiting for grading has none yet.</summary>
    private static string MarksJson(AttemptResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return JsonSerializer.Serialize(result.Questions.Where(g => g.State != GradeState.NeedsGrading).ToDictionary(g => g.QuestionId, g => g.Mark));
    }

    /// <summary>Handed in, but with an essay that waits for grading: the score stays empty until it is graded (Moodle's null sumgrades).</summary>
    public static bool NeedsGrading(QuizAttempt attempt)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        return attempt.SubmittedAt is not null && attempt.Score is null;
    }

    /// <summary>The answers saved for an attempt, keyed by authored question id (unreadable ones left out).</summary>
    internal Task<IReadOnlyDictionary<string, QuestionResponse>> SavedAnswersAsync(string attemptId, CancellationToken ct) => SavedAsync(attemptId, ct);

    /// <summary>Instants are stored as UTC <see cref="DateTime"/>; SQLite hands them back unspecified.</summary>
    public static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    /// <summary>Marks the quiz complete when the grade that counts completes it (<see cref="RevealRules.Completes"/>).</summary>
    public async Task UpdateCompletionAsync(string userId, int weekNumber, Quiz quiz, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(quiz);
        var attempts = await AttemptsAsync(userId, weekNumber, quiz.Id, ct);
        var grade = await overrides.GradeAsync(userId, weekNumber, quiz.Id, ct);
        if (RevealRules.Completes(quiz.Settings, GradeOverrides.Counting(CountingFraction(quiz.Settings, attempts), grade?.Fraction)))
        {
            await progress.MarkCompleteAsync(userId, weekNumber, quiz.Id, CompletionSource, ct);
        }
    }

    /// <summary>
    /// The answers keyed by authored question id; or, when any of them names no question of
    /// <paramref name="quiz"/> or does not fit its question, the refusal naming the first at fault.
    /// </summary>
    private static (Dictionary<string, QuestionResponse>? Answers, WriteResult? Refusal) Check(Quiz quiz, IReadOnlyDictionary<string, QuestionResponse> answers)
    {
        var ids = PublicQuestionIds.For(quiz);
        var byQuestion = new Dictionary<string, QuestionResponse>(StringComparer.Ordinal);
        foreach (var (publicId, response) in answers)
        {
            if (ids.QuestionOf(publicId) is not { } questionId)
            {
                // Echoed only when it is plain enough to be an id of ours (the reply must stay valid JSON and short).
                var plain = publicId.Length <= 40 && publicId.All(char.IsAsciiLetterOrDigit);
                return (null, new WriteResult(WriteOutcome.Invalid, $"This attempt has no question{(plain ? $" '{publicId}'" : " with that id")}; nothing was saved.", plain ? publicId : null));
            }

            var question = quiz.Questions.First(q => q.Id == questionId);
            if (ResponseBounds.Problem(question, response) is { } problem)
            {
                return (null, new WriteResult(WriteOutcome.Invalid, $"The answer to question '{publicId}' (\"{question.Title}\") was refused: {problem}. Nothing was saved.", publicId));
            }

            byQuestion[questionId] = response;
        }

        return (byQuestion, null);
    }

    private static readonly WriteResult AlreadySubmitted = new(WriteOutcome.AlreadySubmitted, "This attempt has already been submitted; nothing was changed.");

    private static WriteResult TooLate(QuizAttempt attempt) => new(
        WriteOutcome.TooLate,
        $"Time ran out at {Utc(attempt.Deadline ?? attempt.StartedAt):u}. Answers that arrive after the deadline (plus {AttemptRules.GracePeriod.TotalSeconds:0} seconds' grace) are not accepted; the attempt was graded with the answers saved before then.");

    private Task<List<QuizAttempt>> AttemptsAsync(string userId, int weekNumber, string quizId, CancellationToken ct) =>
        db.QuizAttempts.AsNoTracking()
            .Where(a => a.UserId == userId && a.WeekNumber == weekNumber && a.QuizId == quizId)
            .OrderBy(a => a.Number)
            .ToListAsync(ct);

    /// <summary>The learner's attempt with this id at this quiz, and the quiz as that attempt was started.</summary>
    private async Task<(QuizAttempt Attempt, Quiz Quiz)?> FindOwnAsync(string userId, Week week, Quiz current, string attemptId, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(attemptId) || attemptId.Length > 32)
        {
            return null;
        }

        var attempt = await FindAsync(attemptId, ct);
        if (attempt is null || attempt.UserId != userId || attempt.WeekNumber != week.Number || attempt.QuizId != current.Id)
        {
            return null;
        }

        return await QuizAtAsync(attempt.Revision, current, ct) is { } quiz ? (attempt, quiz) : null;
    }

    private Task<QuizAttempt?> FindAsync(string attemptId, CancellationToken ct) =>
        db.QuizAttempts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == attemptId, ct);

    private async Task<IReadOnlyDictionary<string, QuestionResponse>> SavedAsync(string attemptId, CancellationToken ct)
    {
        var rows = await db.QuizAnswers.AsNoTracking().Where(a => a.AttemptId == attemptId).ToListAsync(ct);
        var saved = new Dictionary<string, QuestionResponse>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (ResponseCodec.Deserialize(row.ResponseJson) is { } response)
            {
                saved[row.QuestionId] = response;
            }
        }

        return saved;
    }

    private async Task<bool> CloseOverdueAsync(IReadOnlyList<QuizAttempt> attempts, Quiz current, CancellationToken ct)
    {
        var closed = false;
        foreach (var attempt in attempts.Where(a => a.SubmittedAt is null))
        {
            if (await QuizAtAsync(attempt.Revision, current, ct) is { } quiz)
            {
                closed |= await CloseIfOverdueAsync(attempt, quiz, ct);
            }
        }

        return closed;
    }

    /// <summary>The quiz's timing as it holds for the attempt's learner (their override applied).</summary>
    private async Task<QuizSettings> TimingAsync(QuizAttempt attempt, Quiz quiz, CancellationToken ct) =>
        AttemptRules.Apply(quiz.Settings, await overrides.ForAsync(attempt.UserId, attempt.WeekNumber, attempt.QuizId, ct));

    private async Task<bool> CloseIfOverdueAsync(QuizAttempt attempt, Quiz quiz, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var settings = await TimingAsync(attempt, quiz, ct);
        if (!AttemptRules.IsOverdue(settings, Utc(attempt.StartedAt), now))
        {
            return false;
        }

        // Handed in when time ran out, with what had been saved by then.
        var deadline = AttemptRules.Deadline(settings, Utc(attempt.StartedAt)) ?? now;
        return await FinishAsync(attempt, quiz, deadline, autoClosed: true, ct) is not null;
    }

    /// <summary>
    /// Claims the attempt (only one caller can), then grades the answers saved before the claim. Returns the attempt
    /// as graded and the answers graded; null when another caller had claimed it.
    /// </summary>
    private async Task<(QuizAttempt Graded, IReadOnlyDictionary<string, QuestionResponse> Saved)?> FinishAsync(
        QuizAttempt attempt, Quiz quiz, DateTimeOffset submittedAt, bool autoClosed, CancellationToken ct)
    {
        var at = submittedAt.UtcDateTime;
        QuizAttempt graded;
        IReadOnlyDictionary<string, QuestionResponse> saved;
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            var claimed = await db.QuizAttempts
                .Where(a => a.Id == attempt.Id && a.SubmittedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.SubmittedAt, at).SetProperty(a => a.AutoClosed, autoClosed), ct);
            if (claimed == 0)
            {
                await tx.RollbackAsync(ct);
                return null;
            }

            // An answered essay leaves the score empty: the attempt waits in "needs grading" until an instructor grades it.
            saved = await SavedAsync(attempt.Id, ct);
            graded = await WriteGradeAsync(attempt, quiz, AttemptGrader.Grade(quiz, saved), ct);
            await tx.CommitAsync(ct);
        }

        await UpdateCompletionAsync(attempt.UserId, attempt.WeekNumber, quiz, ct);
        graded.SubmittedAt = at;
        graded.AutoClosed = autoClosed;
        return (graded, saved);
    }

    /// <summary>
    /// Stores a grade (score, maximum, pass, per-question marks, the revision graded against) on a submitted attempt:
    /// the one place grades are written, for a submit and for an instructor's regrade. Returns the attempt as stored.
    /// </summary>
    internal async Task<QuizAttempt> WriteGradeAsync(QuizAttempt attempt, Quiz quiz, AttemptResult result, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        ArgumentNullException.ThrowIfNull(quiz);
        ArgumentNullException.ThrowIfNull(result);
        var score = result.FinalScore;
        var passed = score is { } value && AttemptRules.Passed(value, result.MaxScore, quiz.Settings.PassMark);
        var marks = MarksJson(result);
        await db.QuizAttempts
            .Where(a => a.Id == attempt.Id)
            .ExecuteUpdateAsync(
                s => s.SetProperty(a => a.Score, score)
                    .SetProperty(a => a.MaxScore, result.MaxScore)
                    .SetProperty(a => a.Passed, passed)
                    .SetProperty(a => a.MarksJson, marks)
                    .SetProperty(a => a.GradedRevision, quiz.Revision),
                ct);

        // A copy: the attempt given may be shared by records that must keep showing what was read.
        return new QuizAttempt
        {
            Id = attempt.Id, UserId = attempt.UserId, WeekNumber = attempt.WeekNumber, QuizId = attempt.QuizId, Number = attempt.Number,
            Seed = attempt.Seed, Revision = attempt.Revision, StartedAt = attempt.StartedAt, Deadline = attempt.Deadline,
            SubmittedAt = attempt.SubmittedAt, AutoClosed = attempt.AutoClosed,
            Score = score, MaxScore = result.MaxScore, Passed = passed, MarksJson = marks, GradedRevision = quiz.Revision,
        };
    }
}
