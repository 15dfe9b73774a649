using System.Globalization;
using Microsoft.Extensions.Localization;
using NodaTime;
using Vidnova.Kernel;
using Vidnova.Localization;

namespace Vidnova.Readings.Cabinet;

/// <summary>
/// The cabinet's reading form: the values as a person types them on a phone (<c>12 345,6</c>), what they make
/// before they are sent, and the reading window in plain words. The sending itself is <see cref="SubmitReading"/>,
/// the same code as <c>POST /api/v1/me/accounts/{number}/readings</c>.
/// </summary>
internal static class ReadingForm
{
    /// <summary>A register value as typed: digits with spaces between groups and a comma or a point before the decimals.</summary>
    public static bool TryParseValue(string? text, out decimal value)
    {
        value = 0;
        var compact = new string((text ?? "").Where(c => !char.IsWhiteSpace(c) && c != '\u00a0' && c != '\u202f').ToArray()).Replace(',', '.');
        return compact.Length is > 0 and <= 20 && compact.All(c => char.IsAsciiDigit(c) || c == '.') && compact.Count(c => c == '.') <= 1
            && compact[0] != '.' && decimal.TryParse(compact, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>The zone's label on the form, in the resources' Ukrainian.</summary>
    public static string ZoneLabel(MeterZone zone) => zone switch
    {
        MeterZone.Total => "Показання лічильника",
        MeterZone.Day => "День",
        MeterZone.Night => "Ніч (23:00–07:00)",
        MeterZone.Peak => "Пік (08:00–11:00, 20:00–22:00)",
        MeterZone.HalfPeak => "Напівпік",
        _ => throw new ArgumentOutOfRangeException(nameof(zone), zone, null),
    };

    /// <summary>A zone's name inside a sentence.</summary>
    public static string ZoneName(MeterZone zone) => zone switch
    {
        MeterZone.Total => "загальна",
        MeterZone.Day => "день",
        MeterZone.Night => "ніч",
        MeterZone.Peak => "пік",
        MeterZone.HalfPeak => "напівпік",
        _ => throw new ArgumentOutOfRangeException(nameof(zone), zone, null),
    };

    /// <summary>kWh as people read them: groups of thousands, up to three decimals.</summary>
    public static string Kwh(decimal kwh, IFormatProvider culture) => kwh.ToString("#,0.###", culture);

    /// <summary>The month of a period as the sentence "за листопад 2026" needs it (nominative; English: "November 2026").</summary>
    public static string Month(BillingPeriod period, CultureInfo culture) => period.FirstDay.ToDateTimeUnspecified().ToString("MMMM yyyy", culture);

    /// <summary>A day with its month ("29 листопада"; English "29 November").</summary>
    public static string Day(LocalDate day, CultureInfo culture) => day.ToDateTimeUnspecified().ToString("d MMMM", culture);

    /// <summary>
    /// The reading window for a reading taken on <paramref name="takenOn"/> (<see cref="ReadingWindow"/>): which
    /// month it counts for, and when the end-of-month reading of that month is taken.
    /// </summary>
    public static string WindowSentence(LocalDate takenOn, IStringLocalizer<SharedResource> text, CultureInfo culture)
    {
        var period = ReadingWindow.PeriodOf(takenOn);
        var from = period.LastDay.PlusDays(1 - ReadingWindow.DaysBeforeMonthEnd);
        var to = period.Next.FirstDay.PlusDays(ReadingWindow.DaysIntoNextMonth - 1);
        return ReadingWindow.IsEndOfPeriod(takenOn)
            ? text["Показник зарахується за {0} — як показник на кінець місяця (їх приймають з {1} по {2}).", Month(period, culture), Day(from, culture), Day(to, culture)]
            : text["Показник зарахується за {0}. Показник на кінець місяця передайте з {1} по {2}.", Month(period, culture), Day(from, culture), Day(to, culture)];
    }

    /// <summary>
    /// What typed values make against the previous reading: kWh per zone and their total, or the zones whose value is
    /// below the previous one (a typing error, or a rollover that asks for a confirmation when sent).
    /// </summary>
    public static (ZoneKwh? Consumption, IReadOnlyList<MeterZone> Below) Make(MeterSummary meter, ZoneKwh previous, IReadOnlyDictionary<MeterZone, Kernel.Kwh> typed)
    {
        var below = meter.Scheme.Zones.Where(z => typed.TryGetValue(z, out var v) && v < previous[z]).ToList();
        if (below.Count > 0 || meter.Scheme.Zones.Any(z => !typed.ContainsKey(z)))
        {
            return (null, below);
        }

        var values = ZoneKwh.Of(meter.Scheme.Zones.Select(z => KeyValuePair.Create(z, typed[z])));
        return (ReadingRules.Consumption(previous, values, meter.Digits), below);
    }
}
