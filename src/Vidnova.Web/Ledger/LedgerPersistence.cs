using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Vidnova.Ledger;

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

internal sealed class AccountBalanceConfiguration : IEntityTypeConfiguration<AccountBalance>
{
    public void Configure(EntityTypeBuilder<AccountBalance> builder)
    {
        builder.ToTable("ledger_balances");
        builder.HasKey(b => b.AccountNumber);
        builder.Property(b => b.Version).IsConcurrencyToken();
        builder.Ignore(b => b.Debt);
        builder.Ignore(b => b.Snapshot);
    }
}
