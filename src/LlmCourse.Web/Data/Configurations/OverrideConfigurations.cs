using LlmCourse.Core.Quizzes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LlmCourse.Web.Data.Configurations;

internal sealed class QuizUserOverrideConfiguration : IEntityTypeConfiguration<QuizUserOverride>
{
    public void Configure(EntityTypeBuilder<QuizUserOverride> builder)
    {
        builder.Property(o => o.UserId).IsRequired();
        builder.Property(o => o.QuizId).HasMaxLength(200).IsRequired();
        builder.Property(o => o.SetBy).HasMaxLength(256).IsRequired();
        builder.HasIndex(o => new { o.UserId, o.WeekNumber, o.QuizId }).IsUnique();
        builder.HasIndex(o => new { o.WeekNumber, o.QuizId });
        builder.HasOne<AppUser>().WithMany().HasForeignKey(o => o.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class GradeOverrideConfiguration : IEntityTypeConfiguration<GradeOverride>
{
    public void Configure(EntityTypeBuilder<GradeOverride> builder)
    {
        builder.Property(o => o.UserId).IsRequired();
        builder.Property(o => o.QuizId).HasMaxLength(200).IsRequired();
        builder.Property(o => o.Reason).HasMaxLength(GradeOverrides.MaxReasonLength).IsRequired();
        builder.Property(o => o.SetBy).HasMaxLength(256).IsRequired();
        builder.HasIndex(o => new { o.UserId, o.WeekNumber, o.QuizId }).IsUnique();
        builder.HasOne<AppUser>().WithMany().HasForeignKey(o => o.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CalendarFeedConfiguration : IEntityTypeConfiguration<CalendarFeed>
{
    public void Configure(EntityTypeBuilder<CalendarFeed> builder)
    {
        builder.HasKey(f => f.UserId);
        builder.Property(f => f.TokenHash).HasMaxLength(64).IsRequired();
        builder.HasIndex(f => f.TokenHash).IsUnique();
        builder.HasOne<AppUser>().WithMany().HasForeignKey(f => f.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
