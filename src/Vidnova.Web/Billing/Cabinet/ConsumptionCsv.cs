using System.Globalization;
using System.Text;
using CsvHelper;
using Microsoft.Extensions.Localization;
using Vidnova.Kernel;
using Vidnova.Localization;

namespace Vidnova.Billing.Cabinet;

/// <summary>
/// The consumption table of the cabinet's bills page as a spreadsheet file, by the same conventions as the ledger's
/// (Cabinet's <c>LedgerCsv</c>): the request's culture decides between <c>;</c> with a decimal comma and <c>,</c> with
/// a point, and a UTF-8 byte-order mark makes Excel read Cyrillic as such. The rows are the chart's months, oldest first,
/// with the figures of <c>GET …/consumption</c>.
/// </summary>
internal static class ConsumptionCsv
{
    public const string ContentType = "text/csv";

    public static byte[] Write(ConsumptionChart chart, IStringLocalizer<SharedResource> text, CultureInfo culture)
    {
        using var buffer = new MemoryStream();
        using (var writer = new StreamWriter(buffer, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true))
        using (var csv = CsvWriter.Create(writer, new CsvWriterOptions
        {
            Separator = culture.NumberFormat.NumberDecimalSeparator == "," ? ';' : ',',
            Injection = CsvInjection.Escape,
        }, leaveOpen: true))
        {
            var zoned = ZoneColumns(chart);
            csv.WriteRecord([
                text["Період"].Value,
                .. zoned.Select(z => text["{0}, кВт·год", text[ConsumptionChart.ZoneLabel(z)].Value].Value),
                text["Усього, кВт·год"].Value,
                text["Оцінено"].Value,
                text["Сума, грн"].Value,
            ]);
            foreach (var month in chart.Months)
            {
                csv.WriteField(month.Period.ToString());
                foreach (var zone in zoned)
                {
                    csv.WriteField(ConsumptionChart.KwhOf(month, zone), "0.###", culture);
                }

                csv.WriteField(month.Kwh.Value, "0.###", culture);
                csv.WriteField(month.Estimated ? text["так"].Value : text["ні"].Value);
                csv.WriteField(month.Amount.Amount, "0.00", culture);
                csv.EndRecord();
            }
        }

        return buffer.ToArray();
    }

    /// <summary>A column per zone only when the meter has zones: a one-zone meter's kWh is the total.</summary>
    public static IReadOnlyList<MeterZone> ZoneColumns(ConsumptionChart chart) =>
        chart.Zones.Count == 1 && chart.Zones[0] == MeterZone.Total ? [] : [.. chart.Zones.Where(z => z != MeterZone.Total)];

    /// <summary>«vidnova-1000000001-consumption.csv».</summary>
    public static string FileName(AccountNumber account) => $"vidnova-{account}-consumption.csv";
}
