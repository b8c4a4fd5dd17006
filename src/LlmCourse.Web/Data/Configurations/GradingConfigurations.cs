using LlmCourse.Core.Quizzes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LlmCourse.Web.Data.Configurations;

internal sealed class QuizManualGradeConfiguration : IEntityTypeConfiguration<QuizManualGrade>
{
    public void Configure(EntityTypeBuilder<QuizManualGrade> builder)
    {
        builder.Property(g => g.AttemptId).HasMaxLength(32).IsRequired();
        builder.Property(g => g.QuestionId).HasMaxLength(200).IsRequired();
        builder.Property(g => g.Comment).HasMaxLength(ManualGrading.MaxCommentLength).IsRequired();
        builder.Property(g => g.GradedBy).IsRequired();

        // The grade in force is the latest row of an (attempt, question).
        builder.HasIndex(g => new { g.AttemptId, g.QuestionId, g.Id });

        // The grading record stays with the attempt; it does not point at the grader's account, so it outlives it.
        builder.HasOne<QuizAttempt>().WithMany().HasForeignKey(g => g.AttemptId).OnDelete(DeleteBehavior.Cascade);
    }
}
