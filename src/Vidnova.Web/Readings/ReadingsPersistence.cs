using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vidnova.Kernel;

namespace Vidnova.Readings;

internal sealed class MeterConfiguration : IEntityTypeConfiguration<Meter>
{
    public void Configure(EntityTypeBuilder<Meter> builder)
    {
        builder.ToTable("meters");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.RecordedBy).HasMaxLength(200);
        builder.Ignore(m => m.Scheme);
        builder.HasIndex(m => m.AccountNumber);
        // One meter in service per account: two installations racing end in one meter and a retry.
        builder.HasIndex(m => m.AccountNumber, "IX_meters_AccountNumber_in_service").IsUnique().HasFilter("\"RemovedOn\" IS NULL");
    }
}

internal sealed class MeterReadingConfiguration : IEntityTypeConfiguration<MeterReading>
{
    public void Configure(EntityTypeBuilder<MeterReading> builder)
    {
        builder.ToTable("meter_readings");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Source).HasMaxLength(16);
        builder.Property(r => r.SubmittedBy).HasMaxLength(200);
        foreach (var register in new[] { "Total", "Day", "Night", "Peak", "HalfPeak" })
        {
            builder.Property<Kwh?>(register);
        }

        builder.Ignore(r => r.Values);
        builder.HasOne<Meter>().WithMany().HasForeignKey(r => r.MeterId);
        // One reading a day per meter: the same day again is a repeat or a correction of it.
        builder.HasIndex(r => new { r.MeterId, r.TakenOn }).IsUnique();
        // The billing run reads a period's readings account by account.
        builder.HasIndex(r => new { r.AccountNumber, r.Period });
    }
}
