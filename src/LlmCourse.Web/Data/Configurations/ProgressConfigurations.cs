using LlmCourse.Web.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LlmCourse.Web.Data.Configurations;

internal sealed class ItemVisitConfiguration : IEntityTypeConfiguration<ItemVisit>
{
    public void Configure(EntityTypeBuilder<ItemVisit> builder)
    {
        builder.Property(v => v.UserId).IsRequired();
        builder.Property(v => v.ItemId).HasMaxLength(200).IsRequired();
        builder.HasIndex(v => new { v.UserId, v.Day, v.WeekNumber, v.ItemId }).IsUnique();
        builder.HasIndex(v => new { v.UserId, v.LastAt });
        builder.HasOne<AppUser>().WithMany().HasForeignKey(v => v.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SlideViewConfiguration : IEntityTypeConfiguration<SlideView>
{
    public void Configure(EntityTypeBuilder<SlideView> builder)
    {
        builder.Property(v => v.UserId).IsRequired();
        builder.Property(v => v.LectureId).HasMaxLength(200).IsRequired();
        builder.HasIndex(v => new { v.WeekNumber, v.LectureId, v.UserId, v.ViewedAt });
        builder.HasOne<AppUser>().WithMany().HasForeignKey(v => v.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ItemCompletionConfiguration : IEntityTypeConfiguration<ItemCompletion>
{
    public void Configure(EntityTypeBuilder<ItemCompletion> builder)
    {
        builder.Property(c => c.UserId).IsRequired();
        builder.Property(c => c.ItemId).HasMaxLength(200).IsRequired();
        builder.Property(c => c.Source).HasMaxLength(20).IsRequired();
        builder.HasIndex(c => new { c.UserId, c.WeekNumber, c.ItemId }).IsUnique();
        builder.HasOne<AppUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> builder)
    {
        builder.Property(t => t.UserId).IsRequired();
        builder.Property(t => t.Name).HasMaxLength(100).IsRequired();
        builder.Property(t => t.TokenHash).HasMaxLength(64).IsRequired();
        builder.Property(t => t.Prefix).HasMaxLength(16).IsRequired();
        builder.HasIndex(t => t.TokenHash).IsUnique();
        builder.HasIndex(t => t.UserId);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class LearnerVersionConfiguration : IEntityTypeConfiguration<LearnerVersion>
{
    // No foreign key: the triggers that write it also run while an account's rows are deleted in cascade.
    public void Configure(EntityTypeBuilder<LearnerVersion> builder) => builder.HasKey(v => v.UserId);
}

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> builder) =>
        builder.Property(u => u.DisplayName).HasMaxLength(100).IsRequired();
}

internal sealed class RoleConfiguration : IEntityTypeConfiguration<IdentityRole>
{
    // The roles exist from the first migration on, so concurrent first registrations never race to create
    // them. Fixed ids and stamps: seed data must be the same every time the model is built.
    public void Configure(EntityTypeBuilder<IdentityRole> builder) =>
        builder.HasData(Roles.All.Select(name =>
        {
            var id = "role-" + name.ToLowerInvariant();
            return new IdentityRole { Id = id, Name = name, NormalizedName = name.ToUpperInvariant(), ConcurrencyStamp = id };
        }));
}
