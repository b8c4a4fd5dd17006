using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LlmCourse.Web.Data.Configurations;

internal sealed class FsrsWeightSetConfiguration : IEntityTypeConfiguration<FsrsWeightSet>
{
    public void Configure(EntityTypeBuilder<FsrsWeightSet> builder)
    {
        builder.Property(w => w.Scope).HasMaxLength(220).IsRequired();
        builder.Property(w => w.Parameters).HasMaxLength(1000).IsRequired();
        builder.HasIndex(w => w.Scope).IsUnique();
    }
}

internal sealed class FsrsOptimizationRunConfiguration : IEntityTypeConfiguration<FsrsOptimizationRun>
{
    public void Configure(EntityTypeBuilder<FsrsOptimizationRun> builder)
    {
        builder.Property(r => r.Scope).HasMaxLength(220).IsRequired();
        builder.Property(r => r.ActiveScope).HasMaxLength(220);
        builder.Property(r => r.RequestedBy).HasMaxLength(256).IsRequired();
        builder.Property(r => r.Stage).HasMaxLength(40);
        builder.Property(r => r.Outcome).HasMaxLength(40);
        builder.Property(r => r.Explanation).HasMaxLength(2000);
        builder.Property(r => r.Error).HasMaxLength(2000);
        builder.Property(r => r.FittedParameters).HasMaxLength(1000);

        // Null for every finished run (both providers allow many nulls in a unique index), the scope otherwise.
        builder.HasIndex(r => r.ActiveScope).IsUnique();
        builder.HasIndex(r => new { r.Scope, r.Id });
        builder.HasIndex(r => r.Status);
    }
}
