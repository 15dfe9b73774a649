using System.Globalization;
using System.Text;

namespace Vidnova.Tests.Payments;

/// <summary>Registry files as partners send them: PrivatBank's fixed-width report and CSVs in UTF-8 and Windows-1251.</summary>
internal static class RegistryFixtures
{
    /// <summary>The widths of the fixed-width table's columns (as in PrivatBankRegistry).</summary>
    private static readonly int[] Widths = [10, 10, 30, 14, 35, 16, 7, 10, 8];

    static RegistryFixtures() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static Encoding Windows1251 => Encoding.GetEncoding(1251);

    public sealed record PrivatRow(string Document, string Day, string Payer, string Account, string Address, string Readings, string Period, decimal Amount, decimal Commission);

    /// <summary>«ПЛАТІЖНИЙ РЕЄСТР (платежі громадян)» with its header, table and footer; the footer's figures can be overridden to disagree.</summary>
    public static string PrivatBank(string number, IReadOnlyList<PrivatRow> rows, int? count = null, decimal? accepted = null, decimal? commission = null)
    {
        var rule = new string('-', 1 + Widths.Sum() + Widths.Length - 1);
        var text = new StringBuilder();
        text.AppendLine("                               ПЛАТІЖНИЙ РЕЄСТР (платежі громадян)");
        text.AppendLine("Дата формування звіту: 26.11.2026 07:15");
        text.AppendLine("Банк платника: АТ КБ \"ПРИВАТБАНК\", МФО 305299");
        text.AppendLine("Банк отримувача: АТ КБ \"ПРИВАТБАНК\", МФО 305299");
        text.AppendLine("Отримувач: ТОВ \"ВІДНОВА ЕНЕРГОЗБУТ\", код ЄДРПОУ 41946011");
        text.AppendLine("Рахунок отримувача: UA213223130000026007233566001");
        text.AppendLine($"Реєстр № {number} від 25.11.2026");
        text.AppendLine(rule);
        text.AppendLine(Line("№ док.", "Опер.день", "Платник", "Особ.рахунок", "Адреса, телефон", "Показники", "Період", "Сума", "Коміс."));
        text.AppendLine(rule);
        foreach (var row in rows)
        {
            text.AppendLine(Line(row.Document, row.Day, row.Payer, row.Account, row.Address, row.Readings, row.Period,
                row.Amount.ToString("0.00", CultureInfo.InvariantCulture).PadLeft(Widths[7]), row.Commission.ToString("0.00", CultureInfo.InvariantCulture).PadLeft(Widths[8])));
        }

        text.AppendLine(rule);
        var sum = accepted ?? rows.Sum(r => r.Amount);
        var bank = commission ?? rows.Sum(r => r.Commission);
        text.AppendLine($"Кількість платежів: {count ?? rows.Count}");
        text.AppendLine($"Сума прийнятих платежів: {sum.ToString("0.00", CultureInfo.InvariantCulture)}");
        text.AppendLine($"Комісія банку: {bank.ToString("0.00", CultureInfo.InvariantCulture)}");
        text.AppendLine($"Сума до перерахування: {(sum - bank).ToString("0.00", CultureInfo.InvariantCulture)}");
        text.AppendLine($"Оплата згідно реєстру № {number} від 25.11.2026");
        return text.ToString().Replace("\n", "\r\n", StringComparison.Ordinal).Replace("\r\r\n", "\r\n", StringComparison.Ordinal);

        static string Line(params string[] fields) =>
            " " + string.Join('|', fields.Select((f, i) => f.Length > Widths[i] ? f[..Widths[i]] : f.PadRight(Widths[i])));
    }

    public static object PrivatBankFormat => new { type = "privatbank-fixed-width" };

    /// <summary>Ukrposhta-style CSV: «;», decimal comma, one header row, a «РАЗОМ» footer, the number from the file name.</summary>
    public static object CsvWithFooter(string encoding) => new
    {
        type = "csv",
        encoding,
        delimiter = ";",
        decimalSeparator = ",",
        headerRows = 1,
        columns = new { reference = 0, accountNumber = 1, payerName = 2, amount = 3, paidOn = 4, purpose = 5 },
        dateFormat = "dd.MM.yyyy",
        footer = new { marker = "РАЗОМ", countColumn = 1, amountColumn = 3 },
        registryNumberFrom = "fileName",
    };

    /// <summary>A terminal network's CSV: «,», decimal point, ISO dates, no footer, the registry number in column 6.</summary>
    public static object CsvWithoutFooter => new
    {
        type = "csv",
        encoding = "utf-8",
        delimiter = ",",
        decimalSeparator = ".",
        headerRows = 1,
        columns = new { reference = 0, accountNumber = 1, payerName = 2, amount = 3, paidOn = 4, purpose = 5, readings = 7 },
        dateFormat = "yyyy-MM-dd",
        footer = (object?)null,
        registryNumberFrom = "column:6",
    };

    public static string CsvLines(params string[] lines) => string.Join("\r\n", lines) + "\r\n";
}
