using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LlmCourse.Web.Data.Configurations;

internal sealed class ItemViewCountConfiguration : IEntityTypeConfiguration<ItemViewCount>
{
    // The key is what the upsert's ON CONFLICT names: one row per item and day.
    public void Configure(EntityTypeBuilder<ItemViewCount> builder)
    {
        builder.ToTable("ItemViewCounts");
        builder.HasKey(v => new { v.WeekNumber, v.ItemId, v.Day });
        builder.Property(v => v.ItemId).HasMaxLength(200);
    }
}

internal sealed class ItemViewerConfiguration : IEntityTypeConfiguration<ItemViewer>
{
    public void Configure(EntityTypeBuilder<ItemViewer> builder)
    {
        builder.ToTable("ItemViewers");
        builder.HasKey(v => new { v.WeekNumber, v.ItemId, v.UserId });
        builder.Property(v => v.ItemId).HasMaxLength(200);
        builder.HasIndex(v => v.UserId);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(v => v.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
