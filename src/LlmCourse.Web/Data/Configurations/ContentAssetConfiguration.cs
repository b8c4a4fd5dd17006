using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LlmCourse.Web.Data.Configurations;

internal sealed class ContentAssetConfiguration : IEntityTypeConfiguration<ContentAssetRecord>
{
    public void Configure(EntityTypeBuilder<ContentAssetRecord> builder)
    {
        builder.ToTable("ContentAssets");
        builder.Property(a => a.Path).HasMaxLength(300).IsRequired();
        builder.Property(a => a.Bytes).IsRequired();
        builder.Property(a => a.Hash).HasMaxLength(16).IsRequired();
        builder.Property(a => a.UpdatedBy).HasMaxLength(256).IsRequired();
        builder.HasIndex(a => a.Path).IsUnique();
    }
}
