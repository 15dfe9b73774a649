using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vidnova.Ledger;

namespace Vidnova.Accounts;

internal sealed class CustomerAccountConfiguration : IEntityTypeConfiguration<CustomerAccount>
{
    public void Configure(EntityTypeBuilder<CustomerAccount> builder)
    {
        builder.ToTable("customer_accounts");
        builder.HasKey(a => a.Number);
        builder.Property(a => a.HolderName).HasMaxLength(200);
        builder.Property(a => a.Address).HasMaxLength(400);
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(16).HasDefaultValue(CustomerKind.Household).HasSentinel((CustomerKind)(-1));
        builder.HasMany(a => a.Ledger).WithOne().HasForeignKey(e => e.AccountNumber);
        builder.Navigation(a => a.Ledger).HasField("_ledger").AutoInclude();
        builder.Ignore(a => a.Balance);
        builder.Ignore(a => a.Debt);
    }
}

internal sealed class LedgerEntryConfiguration : IEntityTypeConfiguration<LedgerEntry>
{
    public void Configure(EntityTypeBuilder<LedgerEntry> builder)
    {
        builder.ToTable("ledger_entries");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Description).HasMaxLength(200);
        builder.Property(e => e.Channel).HasMaxLength(40);
        builder.Property(e => e.Reference).HasMaxLength(100);
        // A payment partner may report the same payment twice; (channel, reference) makes the second a no-op.
        builder.HasIndex(e => new { e.Channel, e.Reference }).IsUnique();
        builder.HasIndex(e => new { e.AccountNumber, e.OccurredAt });
    }
}
