using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Vidnova.Billing;

internal sealed class HouseholdTariffConfiguration : IEntityTypeConfiguration<HouseholdTariff>
{
    public void Configure(EntityTypeBuilder<HouseholdTariff> builder)
    {
        builder.ToTable("household_tariffs");
        builder.HasKey(t => t.EffectiveFrom);
        builder.Property(t => t.EffectiveFrom).ValueGeneratedNever();
        foreach (var factor in new[] { nameof(HouseholdTariff.TwoZoneNight), nameof(HouseholdTariff.TwoZoneDay), nameof(HouseholdTariff.ThreeZoneNight),
                     nameof(HouseholdTariff.ThreeZoneHalfPeak), nameof(HouseholdTariff.ThreeZonePeak) })
        {
            builder.Property<decimal>(factor).HasPrecision(8, 4);
        }

        builder.Property<Kernel.PricePerKwh?>("HeatingPrice");
        builder.Property<Kernel.Kwh?>("HeatingMonthlyKwh");
        builder.Property<NodaTime.AnnualDate?>("HeatingSeasonFrom");
        builder.Property<NodaTime.AnnualDate?>("HeatingSeasonTo");
        builder.Ignore(t => t.ElectricHeating);
        builder.Ignore(t => t.Factors);
        builder.Property(t => t.SetBy).HasMaxLength(200);
    }
}

internal sealed class ElectricHeatingOptionConfiguration : IEntityTypeConfiguration<ElectricHeatingOption>
{
    public void Configure(EntityTypeBuilder<ElectricHeatingOption> builder)
    {
        builder.ToTable("electric_heating_options");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Id).ValueGeneratedNever();
        builder.HasIndex(o => new { o.AccountNumber, o.From }).IsUnique();
        builder.Property(o => o.SetBy).HasMaxLength(200);
    }
}
