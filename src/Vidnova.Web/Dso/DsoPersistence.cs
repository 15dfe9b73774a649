using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Vidnova.Dso;

internal sealed class DistributionOperatorConfiguration : IEntityTypeConfiguration<DistributionOperator>
{
    public void Configure(EntityTypeBuilder<DistributionOperator> builder)
    {
        builder.ToTable("dsos");
        builder.HasKey(d => d.Code);
        builder.Property(d => d.Name).HasMaxLength(200);
        builder.Ignore(d => d.DefaultRestorationPrice);
        builder.Property(d => d.ChannelType).HasConversion<string>().HasMaxLength(16).HasDefaultValue(DsoChannelType.Pull).HasSentinel((DsoChannelType)(-1));
        builder.Property(d => d.WebhookUrl).HasMaxLength(500);
        builder.Property(d => d.WebhookSecret).HasMaxLength(200);
        builder.Property(d => d.ChannelEmail).HasMaxLength(254);
        builder.OwnsMany(d => d.PriceList, line =>
        {
            line.ToTable("dso_restoration_prices");
            line.WithOwner().HasForeignKey("DsoCode");
            line.HasKey("DsoCode", nameof(RestorationPriceLine.Code));
            line.Property(l => l.Code).HasMaxLength(40);
            line.Property(l => l.Description).HasMaxLength(200);
        });
        builder.Navigation(d => d.PriceList).HasField("_priceList");
    }
}

internal sealed class DsoApiKeyConfiguration : IEntityTypeConfiguration<DsoApiKey>
{
    public void Configure(EntityTypeBuilder<DsoApiKey> builder)
    {
        builder.ToTable("dso_api_keys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Id).ValueGeneratedNever();
        builder.Property(k => k.KeyHash).HasMaxLength(64);
        builder.Property(k => k.DisplayPrefix).HasMaxLength(16);
        builder.HasIndex(k => k.KeyHash).IsUnique();
        builder.HasOne<DistributionOperator>().WithMany().HasForeignKey(k => k.DsoCode);
    }
}
