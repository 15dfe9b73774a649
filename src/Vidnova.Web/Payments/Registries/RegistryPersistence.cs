using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Vidnova.Payments.Registries;

internal sealed class PaymentPartnerConfiguration : IEntityTypeConfiguration<PaymentPartner>
{
    public void Configure(EntityTypeBuilder<PaymentPartner> builder)
    {
        builder.ToTable("payment_partners");
        builder.HasKey(p => p.Code);
        builder.Property(p => p.Code).HasMaxLength(PaymentPartner.MaxCodeLength);
        builder.Property(p => p.Name).HasMaxLength(200);
        builder.Property(p => p.FormatJson).HasMaxLength(4000);
        builder.Ignore(p => p.Format);
    }
}

internal sealed class PaymentPartnerApiKeyConfiguration : IEntityTypeConfiguration<PaymentPartnerApiKey>
{
    public void Configure(EntityTypeBuilder<PaymentPartnerApiKey> builder)
    {
        builder.ToTable("payment_partner_api_keys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Id).ValueGeneratedNever();
        builder.Property(k => k.PartnerCode).HasMaxLength(PaymentPartner.MaxCodeLength);
        builder.Property(k => k.KeyHash).HasMaxLength(64);
        builder.Property(k => k.DisplayPrefix).HasMaxLength(16);
        builder.HasIndex(k => k.KeyHash).IsUnique();
        builder.HasOne<PaymentPartner>().WithMany().HasForeignKey(k => k.PartnerCode);
    }
}

internal sealed class PaymentRegistryConfiguration : IEntityTypeConfiguration<PaymentRegistry>
{
    public void Configure(EntityTypeBuilder<PaymentRegistry> builder)
    {
        builder.ToTable("payment_registries");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.PartnerCode).HasMaxLength(PaymentPartner.MaxCodeLength);
        builder.Property(r => r.RegistryNumber).HasMaxLength(PaymentRegistry.MaxNumberLength);
        builder.Property(r => r.FileName).HasMaxLength(255);
        builder.Property(r => r.ReceivedBy).HasMaxLength(300);
        builder.HasIndex(r => new { r.PartnerCode, r.RegistryNumber }).IsUnique();
        builder.HasIndex(r => r.ReceivedAt);
        builder.HasOne<PaymentPartner>().WithMany().HasForeignKey(r => r.PartnerCode);
    }
}

internal sealed class PaymentRegistryRowConfiguration : IEntityTypeConfiguration<PaymentRegistryRow>
{
    public void Configure(EntityTypeBuilder<PaymentRegistryRow> builder)
    {
        builder.ToTable("payment_registry_rows");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.PartnerCode).HasMaxLength(PaymentPartner.MaxCodeLength);
        builder.Property(r => r.RegistryNumber).HasMaxLength(PaymentRegistry.MaxNumberLength);
        builder.Property(r => r.Reference).HasMaxLength(100);
        builder.Property(r => r.AccountNumberText).HasMaxLength(32);
        builder.Property(r => r.PayerName).HasMaxLength(200);
        builder.Property(r => r.Purpose).HasMaxLength(420);
        builder.Property(r => r.Readings).HasMaxLength(200);
        builder.Property(r => r.ReadingOutcome).HasMaxLength(60);
        builder.Property(r => r.DecidedBy).HasMaxLength(300);
        builder.Property(r => r.ReturnReason).HasMaxLength(500);
        builder.Ignore(r => r.PaymentReference);
        // Each row is posted once per partner, registry and row: the same file again finds its rows here.
        builder.HasIndex(r => new { r.PartnerCode, r.RegistryNumber, r.Row }).IsUnique();
        builder.HasIndex(r => new { r.Status, r.ReceivedAt });
        builder.HasIndex(r => r.RegistryId);
        builder.HasOne<PaymentRegistry>().WithMany().HasForeignKey(r => r.RegistryId);
    }
}

internal sealed class RegistryRowDecisionConfiguration : IEntityTypeConfiguration<RegistryRowDecision>
{
    public void Configure(EntityTypeBuilder<RegistryRowDecision> builder)
    {
        builder.ToTable("payment_registry_row_decisions");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.Action).HasMaxLength(16);
        builder.Property(d => d.AccountNumber).HasMaxLength(16);
        builder.Property(d => d.Reason).HasMaxLength(500);
        builder.Property(d => d.Actor).HasMaxLength(300);
        builder.HasIndex(d => d.RowId);
        builder.HasOne<PaymentRegistryRow>().WithMany().HasForeignKey(d => d.RowId);
    }
}
