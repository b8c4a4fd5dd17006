using LlmCourse.Core.Study;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LlmCourse.Web.Data.Configurations;

internal sealed class PrivateDeckConfiguration : IEntityTypeConfiguration<PrivateDeck>
{
    public void Configure(EntityTypeBuilder<PrivateDeck> builder)
    {
        builder.Property(d => d.UserId).IsRequired();
        builder.Property(d => d.Title).HasMaxLength(PrivateDeckRules.MaxTitleLength).IsRequired();
        builder.Property(d => d.CopiedFrom).HasMaxLength(250);
        builder.HasIndex(d => new { d.UserId, d.Id });
        builder.HasOne<AppUser>().WithMany().HasForeignKey(d => d.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(d => d.Cards).WithOne().HasForeignKey(c => c.DeckId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PrivateCardConfiguration : IEntityTypeConfiguration<PrivateCard>
{
    public void Configure(EntityTypeBuilder<PrivateCard> builder)
    {
        builder.Property(c => c.Front).HasMaxLength(PrivateDeckRules.MaxFrontLength).IsRequired();
        builder.Property(c => c.Back).HasMaxLength(PrivateDeckRules.MaxBackLength).IsRequired();
        builder.HasIndex(c => new { c.DeckId, c.Position });
    }
}
