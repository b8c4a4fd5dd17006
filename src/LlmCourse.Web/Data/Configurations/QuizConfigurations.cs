using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LlmCourse.Web.Data.Configurations;

internal sealed class QuizAttemptConfiguration : IEntityTypeConfiguration<QuizAttempt>
{
    public void Configure(EntityTypeBuilder<QuizAttempt> builder)
    {
        builder.Property(a => a.Id).HasMaxLength(32);
        builder.Property(a => a.UserId).IsRequired();
        builder.Property(a => a.QuizId).HasMaxLength(200).IsRequired();
        builder.Property(a => a.Revision).HasMaxLength(64).IsRequired();
        builder.Property(a => a.GradedRevision).HasMaxLength(64);

        // The database, not a read-then-write check, is what keeps parallel starts within the limit.
        builder.HasIndex(a => new { a.UserId, a.WeekNumber, a.QuizId, a.Number }).IsUnique();
        builder.HasIndex(a => new { a.WeekNumber, a.QuizId, a.SubmittedAt });
        builder.HasOne<AppUser>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class QuizAnswerConfiguration : IEntityTypeConfiguration<QuizAnswer>
{
    public void Configure(EntityTypeBuilder<QuizAnswer> builder)
    {
        builder.Property(a => a.AttemptId).HasMaxLength(32).IsRequired();
        builder.Property(a => a.QuestionId).HasMaxLength(200).IsRequired();
        builder.Property(a => a.ResponseJson).IsRequired();
        builder.Property(a => a.Revision).HasMaxLength(64).IsRequired();
        builder.HasIndex(a => new { a.AttemptId, a.QuestionId }).IsUnique();
        builder.HasOne<QuizAttempt>().WithMany().HasForeignKey(a => a.AttemptId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class QuizSnapshotConfiguration : IEntityTypeConfiguration<QuizSnapshot>
{
    public void Configure(EntityTypeBuilder<QuizSnapshot> builder)
    {
        builder.HasKey(s => s.Revision);
        builder.Property(s => s.Revision).HasMaxLength(64);
        builder.Property(s => s.SourceFile).HasMaxLength(300).IsRequired();
        builder.Property(s => s.Markdown).IsRequired();
    }
}

internal sealed class QuizRegradeConfiguration : IEntityTypeConfiguration<QuizRegrade>
{
    public void Configure(EntityTypeBuilder<QuizRegrade> builder)
    {
        builder.Property(r => r.AttemptId).HasMaxLength(32).IsRequired();
        builder.Property(r => r.Revision).HasMaxLength(64).IsRequired();
        builder.Property(r => r.RegradedBy).IsRequired();
        builder.HasIndex(r => r.AttemptId);
        builder.HasOne<QuizAttempt>().WithMany().HasForeignKey(r => r.AttemptId).OnDelete(DeleteBehavior.Cascade);
    }
}
