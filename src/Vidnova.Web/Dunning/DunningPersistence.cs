using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Vidnova.Dunning;

internal sealed class DunningCaseConfiguration : IEntityTypeConfiguration<DunningCase>
{
    public void Configure(EntityTypeBuilder<DunningCase> builder)
    {
        builder.ToTable("dunning_cases");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Number).HasMaxLength(40);
        builder.Property(c => c.State).HasConversion<string>().HasMaxLength(32);
        builder.Property(c => c.CloseReason).HasConversion<string>().HasMaxLength(32);
        builder.Property(c => c.PauseReason).HasMaxLength(500);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.Ignore(c => c.IsOpen);
        builder.Ignore(c => c.Dates);
        // One open case per account, however many instances run the job at once: the second insert fails.
        builder.HasIndex(c => c.AccountNumber).IsUnique().HasFilter("\"ClosedAt\" IS NULL").HasDatabaseName("IX_dunning_cases_open_account");
        builder.HasIndex(c => new { c.State, c.PlannedDisconnectionAt });
        builder.HasIndex(c => c.WorkOrderId);
        builder.HasMany(c => c.Warnings).WithOne().HasForeignKey(w => w.CaseId);
        builder.Navigation(c => c.Warnings).HasField("_warnings");
        builder.HasMany(c => c.History).WithOne().HasForeignKey(h => h.CaseId);
        builder.Navigation(c => c.History).HasField("_history");
    }
}

internal sealed class DunningWarningConfiguration : IEntityTypeConfiguration<DunningWarning>
{
    public void Configure(EntityTypeBuilder<DunningWarning> builder)
    {
        builder.ToTable("dunning_warnings");
        builder.HasKey(w => w.Id);
        builder.Property(w => w.Id).ValueGeneratedNever();
        builder.Property(w => w.Channel).HasMaxLength(16);
        builder.Property(w => w.Recipient).HasMaxLength(254);
        builder.Property(w => w.NotificationKey).HasMaxLength(400);
        builder.HasIndex(w => w.CaseId);
    }
}

internal sealed class DunningHistoryEntryConfiguration : IEntityTypeConfiguration<DunningHistoryEntry>
{
    public void Configure(EntityTypeBuilder<DunningHistoryEntry> builder)
    {
        builder.ToTable("dunning_history");
        builder.HasKey(h => h.Id);
        builder.Property(h => h.Id).ValueGeneratedNever();
        builder.Property(h => h.Kind).HasMaxLength(40);
        builder.Property(h => h.Text).HasMaxLength(1000);
        builder.Property(h => h.Actor).HasMaxLength(120);
        builder.HasIndex(h => h.CaseId);
    }
}
