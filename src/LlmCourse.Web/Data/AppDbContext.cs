using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace LlmCourse.Web.Data;

/// <summary>
/// The site's data model. The site resolves this type; what it gets is one of its two provider flavours,
/// <see cref="SqliteAppDbContext"/> or <see cref="PostgresAppDbContext"/>, each owning its generated
/// migrations (Data/Migrations/Sqlite, Data/Migrations/Postgres), as EF Core documents for a model served
/// by more than one provider.
/// </summary>
/// <remarks>
/// Instants are stored as UTC <see cref="DateTime"/>: SQLite can order and compare those (ISO text),
/// while it cannot translate DateTimeOffset comparisons; PostgreSQL maps them to timestamptz.
/// </remarks>
public abstract class AppDbContext : IdentityDbContext<AppUser>
{
    protected AppDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<ItemVisit> ItemVisits => Set<ItemVisit>();

    public DbSet<SlideView> SlideViews => Set<SlideView>();

    public DbSet<ItemCompletion> ItemCompletions => Set<ItemCompletion>();

    public DbSet<LearnerVersion> LearnerVersions => Set<LearnerVersion>();

    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    public DbSet<UserSession> UserSessions => Set<UserSession>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<StudyCard> StudyCards => Set<StudyCard>();

    public DbSet<StudyReview> StudyReviews => Set<StudyReview>();

    public DbSet<StudySession> StudySessions => Set<StudySession>();

    public DbSet<StudySettings> StudySettings => Set<StudySettings>();

    public DbSet<PrivateDeck> PrivateDecks => Set<PrivateDeck>();

    public DbSet<PrivateCard> PrivateCards => Set<PrivateCard>();

    public DbSet<ContentFileRecord> ContentFiles => Set<ContentFileRecord>();

    public DbSet<ContentRevision> ContentRevisions => Set<ContentRevision>();

    public DbSet<ContentAssetRecord> ContentAssets => Set<ContentAssetRecord>();

    public DbSet<WeekPublication> WeekPublications => Set<WeekPublication>();

    public DbSet<PublishingAuditEntry> PublishingAudit => Set<PublishingAuditEntry>();

    public DbSet<QuizAttempt> QuizAttempts => Set<QuizAttempt>();

    public DbSet<QuizAnswer> QuizAnswers => Set<QuizAnswer>();

    public DbSet<QuizSnapshot> QuizSnapshots => Set<QuizSnapshot>();

    public DbSet<QuizRegrade> QuizRegrades => Set<QuizRegrade>();

    public DbSet<QuizManualGrade> QuizManualGrades => Set<QuizManualGrade>();

    public DbSet<FsrsWeightSet> FsrsWeightSets => Set<FsrsWeightSet>();

    public DbSet<FsrsOptimizationRun> FsrsOptimizationRuns => Set<FsrsOptimizationRun>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<EmailPreferences> EmailPreferences => Set<EmailPreferences>();

    public DbSet<Announcement> Announcements => Set<Announcement>();

    public DbSet<QuizUserOverride> QuizUserOverrides => Set<QuizUserOverride>();

    public DbSet<GradeOverride> GradeOverrides => Set<GradeOverride>();

    public DbSet<CalendarFeed> CalendarFeeds => Set<CalendarFeed>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }
}
