using System.Globalization;
using System.Text.RegularExpressions;
using NodaTime.Text;
using Vidnova.Kernel;

namespace Vidnova.Payments.Registries;

/// <summary>
/// PrivatBank's «ПЛАТІЖНИЙ РЕЄСТР (платежі громадян)»: a fixed-width text report. A header (report date, the payer's
/// and the receiver's bank, the receiver, its account, «Реєстр № … від …»), a table between rules of dashes whose
/// rows hold, in fixed columns separated by «|», the document number, the operation day, the payer, the personal
/// account, the address or phone, the meter readings, the period, the amount accepted and the commission; then the
/// footer: the count, the amount accepted, the bank's commission and the amount to transfer. The bank's transfer
/// says «Оплата згідно реєстру № … від …», which is how the registry is found again.
/// </summary>
internal static partial class PrivatBankRegistry
{
    public const string Title = "ПЛАТІЖНИЙ РЕЄСТР (платежі громадян)";

    /// <summary>The widths of the table's columns, in the order above; each is followed by «|» but the last.</summary>
    public static readonly int[] Widths = [10, 10, 30, 14, 35, 16, 7, 10, 8];

    private static readonly LocalDatePattern Day = LocalDatePattern.CreateWithInvariantCulture("dd.MM.yyyy");

    public static RegistryFile? Read(IReadOnlyList<string> lines, RegistryLimits limits, RegistryReader.RowErrors errors)
    {
        if (!lines.Take(12).Any(l => l.Contains(Title, StringComparison.OrdinalIgnoreCase)))
        {
            throw RegistryReader.FileError("registry_unreadable",
                "Це не «{0}» ПриватБанку: у заголовку файлу немає цієї назви. Перевірте файл або формат партнера.", Title);
        }

        var header = lines.Select((text, index) => (Match: NumberPattern().Match(text), Line: index + 1)).FirstOrDefault(m => m.Match.Success);
        if (header.Match is null || !Day.Parse(header.Match.Groups["date"].Value).Success)
        {
            throw RegistryReader.FileError("registry_unreadable", "У заголовку реєстру немає рядка «Реєстр № … від ДД.ММ.РРРР».");
        }

        var number = header.Match.Groups["number"].Value;
        var date = Day.Parse(header.Match.Groups["date"].Value).Value;
        var rules = lines.Select((text, index) => (text, index)).Where(l => l.text.TrimStart().StartsWith("---", StringComparison.Ordinal)).Select(l => l.index).ToList();
        if (rules.Count < 3)
        {
            throw RegistryReader.FileError("registry_unreadable",
                "Таблиця реєстру має бути між лініями з дефісів: над заголовками стовпців, під ними і після останнього платежу. Файл, мабуть, обрізаний.");
        }

        var rows = new List<RegistryRow>();
        for (var index = rules[1] + 1; index < rules[2]; index++)
        {
            var text = lines[index];
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            if (rows.Count >= limits.MaxRows)
            {
                errors.Add(index + 1, "у реєстрі більше за {0} платежів. Розділіть його на кілька файлів.", limits.MaxRows);
                break;
            }

            if (ReadRow(text, index + 1, rows.Count + 1, errors) is { } row)
            {
                rows.Add(row);
            }
        }

        if (rows.Count == 0 && !errors.Any)
        {
            errors.Add(rules[2] + 1, "у реєстрі немає жодного платежу.");
        }

        var footer = lines.Skip(rules[2] + 1).ToList();
        int? count = Footer(footer, CountPattern()) is { } c && int.TryParse(c, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
        var accepted = Amount(Footer(footer, AcceptedPattern()));
        var commission = Amount(Footer(footer, CommissionPattern()));
        var transfer = Amount(Footer(footer, TransferPattern()));
        if (count is null || accepted is null || commission is null || transfer is null)
        {
            errors.Add(rules[2] + 1, "після таблиці мають бути «Кількість платежів», «Сума прийнятих платежів», «Комісія банку» і «Сума до перерахування» — файл, мабуть, неповний.");
        }

        return new RegistryFile(number, date, rows, new RegistryTotals(count, accepted, commission, transfer));
    }

    private static RegistryRow? ReadRow(string text, long line, int rowNumber, RegistryReader.RowErrors errors)
    {
        // One leading space, then the columns at fixed offsets with «|» between them.
        var fields = new string[Widths.Length];
        var offset = 1;
        for (var i = 0; i < Widths.Length; i++)
        {
            var end = offset + Widths[i];
            var last = i == Widths.Length - 1;
            if (text.Length < (last ? offset + 1 : end + 1) || (!last && text[end] != '|'))
            {
                errors.Add(line, "рядок не за розміткою реєстру ПриватБанку: стовпець {0} має закінчуватися знаком «|» на позиції {1}.", i + 1, end + 1);
                return null;
            }

            fields[i] = text[offset..Math.Min(end, text.Length)].Trim();
            offset = end + 1;
        }

        var valid = true;
        var day = Day.Parse(fields[1]);
        if (!day.Success)
        {
            errors.Add(line, "операційний день «{0}» — дата ДД.ММ.РРРР.", fields[1]);
            valid = false;
        }

        var amount = Amount(fields[7]);
        var commission = fields[8].Length == 0 ? Money.Zero : Amount(fields[8]);
        if (amount is null || commission is null)
        {
            errors.Add(line, "сума «{0}» чи комісія «{1}» — числа з двома знаками після крапки.", fields[7], fields[8]);
            valid = false;
        }

        var readings = RegistryReader.ParseReadings(fields[5], out var readingsValid);
        if (!readingsValid)
        {
            errors.Add(line, "показання «{0}» — одне число або зони як «Д:6180 Н:2590».", fields[5]);
            valid = false;
        }

        var purpose = string.Join(", ", new[] { fields[6].Length > 0 ? $"період {fields[6]}" : "", fields[4] }.Where(p => p.Length > 0));
        return valid
            ? new RegistryRow(rowNumber, line, fields[0], fields[3], fields[2], amount!.Value, day.Value, purpose, readings, commission!.Value)
            : null;
    }

    private static string? Footer(IEnumerable<string> lines, Regex pattern) =>
        lines.Select(l => pattern.Match(l)).FirstOrDefault(m => m.Success)?.Groups["value"].Value;

    private static Money? Amount(string? text) =>
        text is null ? null : RegistryReader.ParseAmount(text, '.') ?? RegistryReader.ParseAmount(text, ',');

    [GeneratedRegex(@"Реєстр\s*№\s*(?<number>[\p{L}\p{N}/\-]{1,40})\s+від\s+(?<date>\d{2}\.\d{2}\.\d{4})", RegexOptions.IgnoreCase)]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"^\s*Кількість платежів\s*:\s*(?<value>\d{1,9})\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex CountPattern();

    [GeneratedRegex(@"^\s*Сума прийнятих платежів\s*:\s*(?<value>[\d\s.,]{1,24})\s*(грн\.?)?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex AcceptedPattern();

    [GeneratedRegex(@"^\s*Комісія банку\s*:\s*(?<value>[\d\s.,]{1,24})\s*(грн\.?)?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex CommissionPattern();

    [GeneratedRegex(@"^\s*Сума до перерахування\s*:\s*(?<value>[\d\s.,]{1,24})\s*(грн\.?)?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex TransferPattern();
}
