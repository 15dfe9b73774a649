using Vidnova.Kernel;
using Vidnova.Problems;

namespace Vidnova.Readings;

/// <summary>Reads a body's register values, <c>{"day": 12345, "night": 6789}</c>, as the API sends them.</summary>
internal static class ZoneValuesInput
{
    /// <summary>
    /// The values by zone, or null (with a field error) when a value is not a meter reading: negative, more than three
    /// decimals, or too many digits for <paramref name="digits"/>. Names that are no zone are returned in
    /// <paramref name="unknownZones"/> for the caller to refuse as it must.
    /// </summary>
    public static ZoneKwh? Read(Dictionary<string, decimal>? values, string field, int? digits, InputErrors errors, out IReadOnlyList<string> unknownZones)
    {
        unknownZones = [];
        if (values is null || values.Count == 0)
        {
            errors.Add(field, "Вкажіть показання кожної зони лічильника, наприклад {\"total\": 12345} або {\"day\": 8000, \"night\": 3000}.");
            return null;
        }

        unknownZones = values.Keys.Where(name => MeterZoneNames.Parse(name) is null).ToList();
        var limit = digits is { } d ? Meter.RegisterLimitOf(d) : (Kwh?)null;
        var parsed = new List<KeyValuePair<MeterZone, Kwh>>();
        var valid = true;
        foreach (var (name, value) in values)
        {
            if (MeterZoneNames.Parse(name) is not { } zone)
            {
                continue;
            }

            if (value < 0 || !Kwh.TryParse(value, out var kwh) || (limit is { } max && kwh >= max))
            {
                errors.Add($"{field}.{name}", limit is { } top
                    ? "Показання — число від 0 до {0} (стільки розрядів має лічильник) з не більш ніж трьома знаками після коми."
                    : "Показання — невід'ємне число з не більш ніж трьома знаками після коми.",
                    limit is { } bound ? bound.Value - 0.001m : 0);
                valid = false;
                continue;
            }

            parsed.Add(KeyValuePair.Create(zone, kwh));
        }

        return valid ? ZoneKwh.Of(parsed) : null;
    }
}
