using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LlmCourse.Web.Data.Configurations;

internal sealed class StudyCardConfiguration : IEntityTypeConfiguration<StudyCard>
{
    public void Configure(EntityTypeBuilder<StudyCard> builder)
    {
        builder.Property(c => c.UserId).IsRequired();
        builder.Property(c => c.DeckId).HasMaxLength(200).IsRequired();
        builder.Property(c => c.CardId).HasMaxLength(200).IsRequired();
        builder.HasIndex(c => new { c.UserId, c.WeekNumber, c.DeckId, c.CardId }).IsUnique();
        builder.HasIndex(c => new { c.UserId, c.Due });
        builder.HasOne<AppUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class StudyReviewConfiguration : IEntityTypeConfiguration<StudyReview>
{
    public void Configure(EntityTypeBuilder<StudyReview> builder)
    {
        builder.Property(r => r.UserId).IsRequired();
        builder.Property(r => r.ReviewId).HasMaxLength(64).IsRequired();
        builder.Property(r => r.DeckId).HasMaxLength(200).IsRequired();
        builder.Property(r => r.CardId).HasMaxLength(200).IsRequired();
        builder.HasIndex(r => new { r.UserId, r.ReviewId }).IsUnique();
        builder.HasIndex(r => new { r.UserId, r.ReviewedAt });
        builder.HasOne<AppUser>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class StudySessionConfiguration : IEntityTypeConfiguration<StudySession>
{
    public void Configure(EntityTypeBuilder<StudySession> builder)
    {
        builder.Property(s => s.UserId).IsRequired();
        builder.Property(s => s.DeckId).HasMaxLength(200).IsRequired();
        builder.Property(s => s.Mode).HasMaxLength(20).IsRequired();
        builder.HasIndex(s => new { s.UserId, s.WeekNumber, s.DeckId, s.Mode });
        builder.HasOne<AppUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class StudySettingsConfiguration : IEntityTypeConfiguration<StudySettings>
{
    public void Configure(EntityTypeBuilder<StudySettings> builder)
    {
        builder.HasKey(s => s.UserId);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
