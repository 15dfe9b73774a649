using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Vidnova.Ledger;

namespace Vidnova.Accounts;

internal sealed class PersonalAccountConfiguration : IEntityTypeConfiguration<PersonalAccount>
{
    public void Configure(EntityTypeBuilder<PersonalAccount> builder)
    {
        // The table keeps its name from before the rename to PersonalAccount: renaming it would move data for nothing.
        builder.ToTable("customer_accounts");
        builder.HasKey(a => a.Number);
        builder.Property(a => a.HolderName).HasMaxLength(200);
        builder.Property(a => a.Address).HasMaxLength(400);
        builder.Property(a => a.ContactEmail).HasMaxLength(254);
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(16).HasDefaultValue(CustomerKind.Household).HasSentinel((CustomerKind)(-1));

        // The journal and its balances belong to an account, but the ledger knows only account numbers: the keys are
        // declared here, with no navigation, so an account read never loads its entries.
        builder.HasMany<LedgerEntry>().WithOne().HasForeignKey(e => e.AccountNumber);
        builder.HasOne<AccountBalance>().WithOne().HasForeignKey<AccountBalance>(b => b.AccountNumber);
    }
}

internal sealed class SupplyStatusCorrectionConfiguration : IEntityTypeConfiguration<SupplyStatusCorrection>
{
    public void Configure(EntityTypeBuilder<SupplyStatusCorrection> builder)
    {
        builder.ToTable("supply_status_corrections");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.CorrectedBy).HasMaxLength(200);
        builder.HasOne<PersonalAccount>().WithMany().HasForeignKey(c => c.AccountNumber);
        builder.HasIndex(c => new { c.AccountNumber, c.CorrectedAt });
    }
}
