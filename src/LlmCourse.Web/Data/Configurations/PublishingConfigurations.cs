using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LlmCourse.Web.Data.Configurations;

internal sealed class ContentFileRecordConfiguration : IEntityTypeConfiguration<ContentFileRecord>
{
    public void Configure(EntityTypeBuilder<ContentFileRecord> builder)
    {
        builder.ToTable("ContentFiles");
        builder.Property(f => f.Path).HasMaxLength(300).IsRequired();
        builder.Property(f => f.Text).IsRequired();
        builder.Property(f => f.Hash).HasMaxLength(16).IsRequired();
        builder.Property(f => f.UpdatedBy).HasMaxLength(256).IsRequired();
        builder.HasIndex(f => f.Path).IsUnique();
    }
}

internal sealed class ContentRevisionConfiguration : IEntityTypeConfiguration<ContentRevision>
{
    public void Configure(EntityTypeBuilder<ContentRevision> builder)
    {
        builder.Property(r => r.Path).HasMaxLength(300).IsRequired();
        builder.Property(r => r.Text).IsRequired();
        builder.Property(r => r.Hash).HasMaxLength(16).IsRequired();
        builder.Property(r => r.Author).HasMaxLength(256).IsRequired();
        builder.Property(r => r.Action).HasMaxLength(20).IsRequired();
        builder.HasIndex(r => new { r.Path, r.Id });
    }
}

internal sealed class WeekPublicationConfiguration : IEntityTypeConfiguration<WeekPublication>
{
    public void Configure(EntityTypeBuilder<WeekPublication> builder)
    {
        builder.HasKey(p => p.WeekNumber);
        builder.Property(p => p.WeekNumber).ValueGeneratedNever();
        builder.Property(p => p.State).HasMaxLength(20).IsRequired();
        builder.Property(p => p.ChangedBy).HasMaxLength(256).IsRequired();
    }
}

internal sealed class PublishingAuditEntryConfiguration : IEntityTypeConfiguration<PublishingAuditEntry>
{
    public void Configure(EntityTypeBuilder<PublishingAuditEntry> builder)
    {
        builder.ToTable("PublishingAudit");
        builder.Property(a => a.Actor).HasMaxLength(256).IsRequired();
        builder.Property(a => a.Action).HasMaxLength(20).IsRequired();
        builder.Property(a => a.Target).HasMaxLength(300).IsRequired();
        builder.Property(a => a.Detail).HasMaxLength(2000).IsRequired();
    }
}
