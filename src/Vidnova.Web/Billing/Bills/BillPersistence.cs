using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Vidnova.Billing.Bills;

internal sealed class BillConfiguration : IEntityTypeConfiguration<Bill>
{
    public void Configure(EntityTypeBuilder<Bill> builder)
    {
        builder.ToTable("bills");
        builder.HasKey(b => b.Id);
        builder.Property(b => b.Id).ValueGeneratedNever();
        // One bill per account and period, whatever happens: a rerun, a resumed batch or a second instance that
        // tries again fails here instead of billing twice (issue 12).
        builder.HasIndex(b => new { b.AccountNumber, b.Period }).IsUnique();
        builder.HasIndex(b => b.RunId);
        builder.Property(b => b.AverageDailyKwh).HasPrecision(15, 3);
        builder.Ignore(b => b.ZoneKwh);
        builder.OwnsMany(b => b.Lines, lines =>
        {
            lines.ToTable("bill_lines");
            lines.WithOwner().HasForeignKey("BillId");
            lines.Property<int>("Number");
            lines.HasKey("BillId", "Number");
            lines.Property(l => l.Kind).HasMaxLength(16);
            lines.Property(l => l.Zone).HasMaxLength(16);
        });
        builder.Navigation(b => b.Lines).HasField("_lines").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
