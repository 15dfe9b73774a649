using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using NodaTime;

namespace Vidnova.Calendar;

/// <summary>A row of <c>calendar_holidays</c>: one public holiday on a date.</summary>
internal sealed class CalendarHolidayRow
{
    public int Id { get; set; }

    public LocalDate Date { get; set; }

    public string Name { get; set; } = "";
}

/// <summary>A row of <c>calendar_transfers</c>: a one-off working day or day off.</summary>
internal sealed class CalendarTransferRow
{
    public int Id { get; set; }

    public LocalDate Date { get; set; }

    public bool IsWorkingDay { get; set; }

    public string Note { get; set; } = "";
}

/// <summary>A row of <c>martial_law_periods</c>; <see cref="To"/> null means still in force.</summary>
internal sealed class MartialLawPeriodRow
{
    public int Id { get; set; }

    public LocalDate From { get; set; }

    public LocalDate? To { get; set; }
}

/// <summary>SQLite has no NodaTime support, so dates go to the database as <see cref="DateOnly"/>.</summary>
internal static class CalendarDateConverters
{
    public static readonly ValueConverter<LocalDate, DateOnly> Date =
        new(d => d.ToDateOnly(), d => LocalDate.FromDateOnly(d));

    public static readonly ValueConverter<LocalDate?, DateOnly?> NullableDate =
        new(d => d.HasValue ? d.Value.ToDateOnly() : null, d => d.HasValue ? LocalDate.FromDateOnly(d.Value) : null);
}

internal sealed class CalendarHolidayRowConfiguration : IEntityTypeConfiguration<CalendarHolidayRow>
{
    public void Configure(EntityTypeBuilder<CalendarHolidayRow> builder)
    {
        builder.ToTable("calendar_holidays");
        builder.HasKey(h => h.Id);
        builder.Property(h => h.Date).HasConversion(CalendarDateConverters.Date);
        builder.HasIndex(h => h.Date).IsUnique();
        builder.Property(h => h.Name).HasMaxLength(200);
    }
}

internal sealed class CalendarTransferRowConfiguration : IEntityTypeConfiguration<CalendarTransferRow>
{
    public void Configure(EntityTypeBuilder<CalendarTransferRow> builder)
    {
        builder.ToTable("calendar_transfers");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Date).HasConversion(CalendarDateConverters.Date);
        builder.HasIndex(t => t.Date).IsUnique();
        builder.Property(t => t.Note).HasMaxLength(400);
    }
}

internal sealed class MartialLawPeriodRowConfiguration : IEntityTypeConfiguration<MartialLawPeriodRow>
{
    public void Configure(EntityTypeBuilder<MartialLawPeriodRow> builder)
    {
        builder.ToTable("martial_law_periods");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.From).HasConversion(CalendarDateConverters.Date);
        builder.Property(p => p.To).HasConversion(CalendarDateConverters.NullableDate);
    }
}
