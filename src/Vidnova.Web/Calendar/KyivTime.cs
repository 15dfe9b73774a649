using NodaTime;

namespace Vidnova.Calendar;

/// <summary>Everything legal happens in Kyiv time; instants are stored in UTC and read through this zone.</summary>
public static class KyivTime
{
    public static DateTimeZone Zone => DateTimeZoneProviders.Tzdb["Europe/Kyiv"];

    /// <summary>The calendar date in Kyiv at <paramref name="instant"/> (UTC+2 in winter, UTC+3 in summer).</summary>
    public static LocalDate DateOf(Instant instant) => instant.InZone(Zone).Date;
}
