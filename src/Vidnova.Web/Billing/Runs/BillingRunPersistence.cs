using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Vidnova.Billing.Runs;

internal sealed class BillingRunConfiguration : IEntityTypeConfiguration<BillingRun>
{
    public void Configure(EntityTypeBuilder<BillingRun> builder)
    {
        builder.ToTable("billing_runs");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Status).HasMaxLength(16);
        builder.Property(r => r.RequestedBy).HasMaxLength(200);
        builder.HasIndex(r => new { r.Period, r.Status });
    }
}

internal sealed class BillingRunBatchConfiguration : IEntityTypeConfiguration<BillingRunBatch>
{
    public void Configure(EntityTypeBuilder<BillingRunBatch> builder)
    {
        builder.ToTable("billing_run_batches");
        builder.HasKey(b => b.Id);
        builder.Property(b => b.Id).ValueGeneratedNever();
        builder.Property(b => b.ClaimedBy).HasMaxLength(200);
        builder.Property(b => b.LastError).HasMaxLength(500);
        builder.HasOne<BillingRun>().WithMany().HasForeignKey(b => b.RunId);
        builder.HasIndex(b => new { b.RunId, b.CompletedAt });
        builder.HasIndex(b => new { b.NextAttemptAt, b.ClaimedUntil });
    }
}

internal sealed class BillingRunFailureConfiguration : IEntityTypeConfiguration<BillingRunFailure>
{
    public void Configure(EntityTypeBuilder<BillingRunFailure> builder)
    {
        builder.ToTable("billing_run_failures");
        builder.HasKey(f => f.Id);
        builder.Property(f => f.Id).ValueGeneratedNever();
        builder.Property(f => f.Code).HasMaxLength(60);
        builder.Property(f => f.Message).HasMaxLength(500);
        builder.HasOne<BillingRun>().WithMany().HasForeignKey(f => f.RunId);
        builder.HasIndex(f => f.RunId);
    }
}
