using LlmCourse.Core.Discussion;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LlmCourse.Web.Data.Configurations;

// Posts and threads outlive their author's account (others' replies must not vanish with it): the author is
// set to null, and the account's deletion erases the text first (DiscussionService.ForgetAuthorAsync).
internal sealed class DiscussionThreadConfiguration : IEntityTypeConfiguration<DiscussionThread>
{
    public void Configure(EntityTypeBuilder<DiscussionThread> builder)
    {
        builder.ToTable("DiscussionThreads");
        builder.Property(t => t.ItemId).HasMaxLength(200).IsRequired();
        builder.Property(t => t.Title).HasMaxLength(DiscussionRules.MaxTitleLength).IsRequired();
        builder.HasIndex(t => new { t.WeekNumber, t.ItemId, t.Slide });
        builder.HasIndex(t => new { t.IsQuestion, t.AnswerPostId });
        builder.HasOne<AppUser>().WithMany().HasForeignKey(t => t.AuthorId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class DiscussionPostConfiguration : IEntityTypeConfiguration<DiscussionPost>
{
    public void Configure(EntityTypeBuilder<DiscussionPost> builder)
    {
        builder.ToTable("DiscussionPosts");
        builder.Property(p => p.BodyMarkdown).HasMaxLength(DiscussionRules.MaxBodyLength).IsRequired();
        builder.Property(p => p.BodyHtml).IsRequired();
        builder.HasIndex(p => new { p.ThreadId, p.Id });
        builder.HasIndex(p => new { p.AuthorId, p.CreatedAt });
        builder.HasOne<DiscussionThread>().WithMany().HasForeignKey(p => p.ThreadId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(p => p.AuthorId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(p => p.HiddenById).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class DiscussionReportConfiguration : IEntityTypeConfiguration<DiscussionReport>
{
    public void Configure(EntityTypeBuilder<DiscussionReport> builder)
    {
        builder.ToTable("DiscussionReports");
        builder.Property(r => r.ReporterId).IsRequired();
        builder.Property(r => r.Reason).HasMaxLength(500).IsRequired();
        builder.HasIndex(r => new { r.PostId, r.ReporterId }).IsUnique();
        builder.HasIndex(r => r.ResolvedAt);
        builder.HasOne<DiscussionPost>().WithMany().HasForeignKey(r => r.PostId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(r => r.ReporterId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DiscussionNotificationConfiguration : IEntityTypeConfiguration<DiscussionNotification>
{
    public void Configure(EntityTypeBuilder<DiscussionNotification> builder)
    {
        builder.ToTable("DiscussionNotifications");
        builder.Property(n => n.RecipientId).IsRequired();
        builder.HasIndex(n => new { n.RecipientId, n.ReadAt });
        builder.HasOne<AppUser>().WithMany().HasForeignKey(n => n.RecipientId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<DiscussionThread>().WithMany().HasForeignKey(n => n.ThreadId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<DiscussionPost>().WithMany().HasForeignKey(n => n.PostId).OnDelete(DeleteBehavior.Cascade);
    }
}
