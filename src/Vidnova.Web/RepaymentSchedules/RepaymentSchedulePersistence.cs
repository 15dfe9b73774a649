using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Vidnova.RepaymentSchedules;

internal sealed class RepaymentScheduleConfiguration : IEntityTypeConfiguration<RepaymentSchedule>
{
    public void Configure(EntityTypeBuilder<RepaymentSchedule> builder)
    {
        builder.ToTable("repayment_schedules");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Status).HasMaxLength(24);
        builder.Property(s => s.ReferredFor).HasMaxLength(100);
        builder.Property(s => s.DecidedBy).HasMaxLength(200);
        builder.Property(s => s.DeclineReason).HasMaxLength(1000);
        builder.Property(s => s.Version).IsConcurrencyToken();
        // One open schedule per account: a second request racing the first fails here (nulls, the ended ones, do not clash).
        builder.HasIndex(s => s.OpenFor).IsUnique();
        builder.HasIndex(s => new { s.AccountNumber, s.RequestedAt });
        builder.HasIndex(s => s.Status);
        builder.Ignore(s => s.Instalments);
        builder.Ignore(s => s.IsOpen);
        builder.Ignore(s => s.Referrals);
        builder.OwnsMany(s => s.StoredInstalments, instalments =>
        {
            instalments.ToTable("repayment_instalments");
            instalments.WithOwner().HasForeignKey("ScheduleId");
            instalments.HasKey("ScheduleId", nameof(ScheduledInstalment.Number));
            instalments.Property(i => i.Number).ValueGeneratedNever();
            instalments.Ignore(i => i.Planned);
        });
        builder.Navigation(s => s.StoredInstalments).HasField("_instalments").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
