using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LlmCourse.Web.Data.Configurations;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("OutboxMessages");
        builder.Property(m => m.Kind).HasMaxLength(40).IsRequired();
        builder.Property(m => m.ToAddress).HasMaxLength(256).IsRequired();
        builder.Property(m => m.ToName).HasMaxLength(200).IsRequired();
        builder.Property(m => m.Subject).HasMaxLength(300).IsRequired();
        builder.Property(m => m.TextBody).IsRequired();
        builder.Property(m => m.HtmlBody).IsRequired();
        builder.Property(m => m.UnsubscribeUrl).HasMaxLength(2000);
        builder.Property(m => m.ClaimToken).HasMaxLength(64);
        builder.Property(m => m.LastError).HasMaxLength(1000);

        // What the sender looks for on every pass, and what the per-address limit counts.
        builder.HasIndex(m => new { m.Status, m.NextAttemptAt });
        builder.HasIndex(m => m.ClaimToken);
        builder.HasIndex(m => new { m.ToAddress, m.Kind, m.CreatedAt });
        builder.HasOne<AppUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class EmailPreferencesConfiguration : IEntityTypeConfiguration<EmailPreferences>
{
    public void Configure(EntityTypeBuilder<EmailPreferences> builder)
    {
        builder.HasKey(p => p.UserId);
        builder.Property(p => p.TimeZone).HasMaxLength(64).IsRequired();
        builder.HasIndex(p => p.Digest);
        builder.HasOne<AppUser>().WithOne().HasForeignKey<EmailPreferences>(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AnnouncementConfiguration : IEntityTypeConfiguration<Announcement>
{
    public void Configure(EntityTypeBuilder<Announcement> builder)
    {
        builder.Property(a => a.Title).HasMaxLength(200).IsRequired();
        builder.Property(a => a.Body).IsRequired();
        builder.Property(a => a.BodyHtml).IsRequired();
        builder.Property(a => a.AuthorName).HasMaxLength(200).IsRequired();
        builder.HasIndex(a => a.PostedAt);
    }
}
