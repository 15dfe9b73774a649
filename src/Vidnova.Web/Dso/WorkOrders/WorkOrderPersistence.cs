using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Vidnova.Dso.WorkOrders;

internal sealed class WorkOrderConfiguration : IEntityTypeConfiguration<WorkOrder>
{
    public void Configure(EntityTypeBuilder<WorkOrder> builder)
    {
        builder.ToTable("dso_work_orders");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Id).ValueGeneratedNever();
        // A restoration application number (VN-2026-000042) or a dunning case number (DN-20261214-8000000009).
        builder.Property(o => o.ApplicationNumber).HasMaxLength(40);
        builder.Property(o => o.Address).HasMaxLength(400);
        builder.Property(o => o.Settlement).HasMaxLength(16);
        builder.Property(o => o.RejectionReason).HasMaxLength(1000);
        builder.Property(o => o.CancellationReason).HasMaxLength(1000);
        builder.Property(o => o.Version).IsConcurrencyToken();
        builder.HasIndex(o => new { o.DsoCode, o.Kind, o.Status });
        builder.HasIndex(o => new { o.Kind, o.RequesterReference });
        builder.HasIndex(o => new { o.Status, o.RemindedAt, o.Deadline });
        builder.HasOne<DistributionOperator>().WithMany().HasForeignKey(o => o.DsoCode);
    }
}
