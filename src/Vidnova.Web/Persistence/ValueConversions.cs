using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using NodaTime;
using Vidnova.Kernel;

namespace Vidnova.Persistence;

/// <summary>Column mappings for the domain's value types, the same on SQLite and PostgreSQL.</summary>
internal static class ValueConversions
{
    public static void Register(ModelConfigurationBuilder configuration)
    {
        configuration.Properties<Instant>().HaveConversion<InstantConverter>();
        configuration.Properties<LocalDate>().HaveConversion<LocalDateConverter>();
        configuration.Properties<LocalDateTime>().HaveConversion<LocalDateTimeConverter>().HaveMaxLength(16);
        configuration.Properties<Money>().HaveConversion<MoneyConverter>().HavePrecision(14, 2);
        configuration.Properties<AccountNumber>().HaveConversion<AccountNumberConverter>().HaveMaxLength(16);
        configuration.Properties<Eic>().HaveConversion<EicConverter>().HaveMaxLength(16);
        configuration.Properties<Iban>().HaveConversion<IbanConverter>().HaveMaxLength(29);
        configuration.Properties<Edrpou>().HaveConversion<EdrpouConverter>().HaveMaxLength(8);
        configuration.Properties<DsoCode>().HaveConversion<DsoCodeConverter>().HaveMaxLength(32);
        configuration.Properties<Kwh>().HaveConversion<KwhConverter>().HavePrecision(15, 3);
        configuration.Properties<PricePerKwh>().HaveConversion<PricePerKwhConverter>().HavePrecision(12, 5);
        configuration.Properties<AnnualDate>().HaveConversion<AnnualDateConverter>().HaveMaxLength(5);
        configuration.Properties<BillingPeriod>().HaveConversion<BillingPeriodConverter>().HaveMaxLength(7);
        configuration.Properties<MeterSerialNumber>().HaveConversion<MeterSerialNumberConverter>().HaveMaxLength(MeterSerialNumber.MaxLength);
    }

    /// <summary>Instants are stored as UTC date-times (timestamptz on PostgreSQL), which both providers order and compare.</summary>
    private sealed class InstantConverter() : ValueConverter<Instant, DateTime>(
        instant => instant.ToDateTimeUtc(),
        value => Instant.FromDateTimeUtc(DateTime.SpecifyKind(value, DateTimeKind.Utc)));

    private sealed class LocalDateConverter() : ValueConverter<LocalDate, DateOnly>(
        date => date.ToDateOnly(), value => LocalDate.FromDateOnly(value));

    /// <summary>"2026-12-18T10:00": a Kyiv wall-clock time as a customer is told it, which sorts as it reads on both databases.</summary>
    private sealed class LocalDateTimeConverter() : ValueConverter<LocalDateTime, string>(
        t => WallClockMinutes.Format(t), v => WallClockMinutes.Parse(v).Value);

    private static readonly NodaTime.Text.LocalDateTimePattern WallClockMinutes =
        NodaTime.Text.LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm");

    private sealed class MoneyConverter() : ValueConverter<Money, decimal>(money => money.Amount, value => Money.Uah(value));

    private sealed class AccountNumberConverter() : ValueConverter<AccountNumber, string>(n => n.Value, v => AccountNumber.Parse(v));

    private sealed class EicConverter() : ValueConverter<Eic, string>(e => e.Value, v => Eic.Parse(v));

    private sealed class IbanConverter() : ValueConverter<Iban, string>(i => i.Value, v => Iban.Parse(v));

    private sealed class EdrpouConverter() : ValueConverter<Edrpou, string>(e => e.Value, v => Edrpou.Parse(v));

    private sealed class KwhConverter() : ValueConverter<Kwh, decimal>(k => k.Value, v => Kwh.Of(v));

    private sealed class PricePerKwhConverter() : ValueConverter<PricePerKwh, decimal>(p => p.UahPerKwh, v => PricePerKwh.Uah(v));

    /// <summary>"10-01": a day of the year, as the tariff's heating season is written.</summary>
    private sealed class AnnualDateConverter() : ValueConverter<AnnualDate, string>(
        d => NodaTime.Text.AnnualDatePattern.Iso.Format(d), v => NodaTime.Text.AnnualDatePattern.Iso.Parse(v).Value);

    /// <summary>"2026-11", which sorts and compares as the periods do on both databases.</summary>
    private sealed class BillingPeriodConverter() : ValueConverter<BillingPeriod, string>(p => p.ToString(), v => BillingPeriod.Parse(v));

    private sealed class MeterSerialNumberConverter() : ValueConverter<MeterSerialNumber, string>(s => s.Value, v => MeterSerialNumber.Parse(v));

    private sealed class DsoCodeConverter() : ValueConverter<DsoCode, string>(c => c.Value, v => DsoCode.Parse(v));
}
