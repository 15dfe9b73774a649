using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CsvHelper;
using NodaTime;
using Vidnova.Kernel;
using Vidnova.Problems;

namespace Vidnova.Payments.Registries;

/// <summary>
/// Reads a registry file under its partner's format, in process and bounded: the size is checked before decoding,
/// the decoding is strict, every line is measured before it is parsed, and rows are counted as they come. A registry
/// is plain text with short lines, so no separate reader process is needed (as PDFs and images have, see
/// UntrustedDocuments); what can go wrong is a wrong file, never an unbounded one. Every problem is named with the
/// line it is on, and one bad row refuses the whole file.
/// </summary>
public static partial class RegistryReader
{
    /// <summary>Row errors listed in one refusal; the rest are summed up, so a wrong format does not produce a megabyte of problem details.</summary>
    private const int MaxReportedErrors = 20;

    public static RegistryFile Read(byte[] content, string fileName, RegistryFormat format, RegistryLimits limits, LocalDate today, PaymentLimits payments)
    {
        var encoding = format switch
        {
            CsvRegistryFormat csv => csv.Encoding,
            PrivatBankRegistryFormat privat => privat.Encoding,
            _ => RegistryEncodings.Utf8,
        };
        var lines = Lines(content, encoding, limits);
        var errors = new RowErrors();
        var file = format switch
        {
            CsvRegistryFormat csv => CsvRegistry.Read(lines, fileName, csv, limits, errors),
            PrivatBankRegistryFormat => PrivatBankRegistry.Read(lines, limits, errors),
            _ => throw new InvalidOperationException($"Unknown registry format {format.Type}."),
        };
        foreach (var row in file?.Rows ?? [])
        {
            CheckRow(row, today, payments, errors);
        }

        errors.ThrowIfAny();
        return file!;
    }

    /// <summary>The file's text as lines, after the size, the encoding and each line's length passed.</summary>
    internal static IReadOnlyList<string> Lines(byte[] content, string encoding, RegistryLimits limits)
    {
        if (content.Length > limits.MaxBytes)
        {
            throw FileError("registry_too_large", "Файл реєстру більший за {0} КБ. Розділіть реєстр на кілька файлів.", limits.MaxBytes / 1024);
        }

        if (content.Length == 0)
        {
            throw FileError("registry_unreadable", "Файл реєстру порожній.");
        }

        string text;
        try
        {
            text = RegistryEncodings.Of(encoding).GetString(content).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            throw FileError("registry_unreadable", "Файл не в кодуванні {0}, яке вказано у форматі партнера. Перевірте, що файл саме цього партнера, або змініть формат.", encoding);
        }

        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Length > limits.MaxLineLength)
            {
                throw FileError("registry_unreadable", "Рядок {0} файлу довший за {1} символів — це не рядок реєстру. Перевірте, що надіслано саме реєстр.", i + 1, limits.MaxLineLength);
            }

            if (line.Contains('\0', StringComparison.Ordinal))
            {
                throw FileError("registry_unreadable", "Рядок {0} файлу містить нульові байти — це не текстовий реєстр.", i + 1);
            }

            lines[i] = line;
        }

        return lines;
    }

    /// <summary>An amount as the format writes it: spaces between thousands allowed, exactly the given decimal separator, at most two decimals.</summary>
    internal static Money? ParseAmount(string text, char decimalSeparator)
    {
        var compact = string.Concat(text.Where(c => !char.IsWhiteSpace(c) && c != '\u00A0'));
        if (compact.Length is 0 or > 20 || compact.Count(c => c is ',' or '.') > 1 || (compact.Any(c => c is ',' or '.') && !compact.Contains(decimalSeparator, StringComparison.Ordinal)))
        {
            return null;
        }

        return decimal.TryParse(compact.Replace(decimalSeparator, '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            && Money.TryParse(value, out var money)
            ? money
            : null;
    }

    /// <summary>
    /// Meter readings as partners print them: one number for a one-zone meter (<c>10960</c>), or the zones by their
    /// Ukrainian letters — <c>Д:6180 Н:2590</c> (day, night), <c>П:3120 ПП:7400 Н:4700</c> (peak, half-peak, night).
    /// Empty: the payer sent no readings.
    /// </summary>
    internal static IReadOnlyDictionary<string, decimal>? ParseReadings(string text, out bool valid)
    {
        valid = true;
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            return null;
        }

        var values = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var token in trimmed.Split([' ', ';', ','], StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = token.Split(':');
            var zone = parts.Length == 1 ? "total" : parts[0].ToUpperInvariant() switch
            {
                "Д" => "day",
                "Н" => "night",
                "П" => "peak",
                "ПП" => "halfPeak",
                "З" or "T" => "total",
                _ => null,
            };
            var number = parts[^1];
            if (parts.Length > 2 || zone is null || values.ContainsKey(zone) || number.Length is 0 or > 12
                || !decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            {
                valid = false;
                return null;
            }

            values[zone] = value;
        }

        return values;
    }

    private static void CheckRow(RegistryRow row, LocalDate today, PaymentLimits payments, RowErrors errors)
    {
        if (!payments.TryPositiveAmount(row.Amount.Amount, out _))
        {
            errors.Add(row.FileLine, "сума {0} — має бути додатною, до {1}.", row.Amount.ToString(null, CultureInfo.InvariantCulture),
                Money.Uah(decimal.Round(payments.MaxAmount, 2)).ToString(null, CultureInfo.InvariantCulture));
        }

        if (row.PaidOn > today || row.PaidOn < LocalDate.FromDateTime(payments.EarliestPaidAt.Date))
        {
            errors.Add(row.FileLine, "дата оплати {0:dd.MM.yyyy} — не в майбутньому і не раніше за {1:dd.MM.yyyy}.", row.PaidOn.ToDateOnly(), payments.EarliestPaidAt.Date);
        }

        Text(row.FileLine, "референс", row.Reference, 100, required: true, errors);
        Text(row.FileLine, "особовий рахунок", row.AccountNumber, 32, required: false, errors);
        Text(row.FileLine, "платник", row.PayerName, 200, required: false, errors);
        Text(row.FileLine, "призначення", row.Purpose, 420, required: false, errors);
    }

    private static void Text(long line, string name, string value, int maxLength, bool required, RowErrors errors)
    {
        if ((required && value.Length == 0) || value.Length > maxLength || TextLimits.HasForbiddenCharacters(value, multiLine: false))
        {
            errors.Add(line, required ? "{0} — обов'язковий, до {1} символів, без керівних символів." : "{0} — до {1} символів, без керівних символів.", name, maxLength);
        }
    }

    internal static BusinessRuleException FileError(string code, string format, params object[] arguments) =>
        new(code, format, arguments) { Category = code == "registry_too_large" ? RefusalCategory.TooLarge : RefusalCategory.InvalidInput };

    /// <summary>Every bad row of the file, named by its line, in one refusal.</summary>
    internal sealed partial class RowErrors
    {
        private readonly List<FieldError> _errors = [];
        private int _count;

        /// <summary>Whether any row was refused: then "no rows at all" is not said as well.</summary>
        public bool Any => _count > 0;

        public void Add(long line, string format, params object[] arguments)
        {
            if (++_count <= MaxReportedErrors)
            {
                // The line number goes first, so the row's own placeholders move up by one.
                var shifted = Placeholder().Replace(format, m => "{" + (int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture));
                _errors.Add(new FieldError("file", "Рядок {0}: " + shifted, [line, .. arguments]));
            }
        }

        public void ThrowIfAny()
        {
            if (_count > MaxReportedErrors)
            {
                _errors.Add(new FieldError("file", "І ще {0} помилок у рядках файлу. Перевірте, що формат партнера відповідає файлу.", _count - MaxReportedErrors));
            }

            if (_errors.Count > 0)
            {
                throw new InputValidationException(_errors);
            }
        }

        [GeneratedRegex(@"\{(\d+)")]
        private static partial Regex Placeholder();
    }
}

/// <summary>A CSV registry read through its columns: header rows skipped, an optional footer row with the count and the amount.</summary>
internal static class CsvRegistry
{
    public static RegistryFile? Read(IReadOnlyList<string> lines, string fileName, CsvRegistryFormat format, RegistryLimits limits, RegistryReader.RowErrors errors)
    {
        var records = Records(lines, format);
        var rows = new List<RegistryRow>();
        RegistryTotals? footer = null;
        long? footerLine = null;
        string? numberFromColumn = null;
        var pattern = format.DatePattern;
        foreach (var (line, fields) in records.Skip(format.HeaderRows))
        {
            if (fields.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            string Field(int index) => index < fields.Count ? fields[index].Trim() : "";
            if (footerLine is not null)
            {
                errors.Add(line, "після підсумкового рядка «{0}» (рядок {1}) є ще дані.", format.Footer!.Marker, footerLine);
                break;
            }

            if (format.Footer is { } footerFormat && fields.Any(f => f.Trim().StartsWith(footerFormat.Marker, StringComparison.OrdinalIgnoreCase)))
            {
                footerLine = line;
                var count = int.TryParse(Field(footerFormat.CountColumn), NumberStyles.None, CultureInfo.InvariantCulture, out var c) ? c : (int?)null;
                var amount = RegistryReader.ParseAmount(Field(footerFormat.AmountColumn), format.DecimalSeparator);
                if (count is null || amount is null)
                {
                    errors.Add(line, "у підсумковому рядку немає кількості (стовпець {0}) чи суми (стовпець {1}).", footerFormat.CountColumn, footerFormat.AmountColumn);
                }

                footer = new RegistryTotals(count, amount, null, null);
                continue;
            }

            if (rows.Count >= limits.MaxRows)
            {
                errors.Add(line, "у реєстрі більше за {0} платежів. Розділіть його на кілька файлів.", limits.MaxRows);
                break;
            }

            var columns = format.Columns;
            var amountText = Field(columns.Amount);
            var paid = pattern.Parse(Field(columns.PaidOn));
            var readings = columns.Readings is { } r ? RegistryReader.ParseReadings(Field(r), out var readingsValid) : null;
            var rowValid = true;
            if (RegistryReader.ParseAmount(amountText, format.DecimalSeparator) is not { } money)
            {
                errors.Add(line, "сума «{0}» — число з десятковим роздільником «{1}» і не більше ніж двома знаками.", Truncate(amountText), format.DecimalSeparator);
                rowValid = false;
                money = Money.Zero;
            }

            if (!paid.Success)
            {
                errors.Add(line, "дата «{0}» не у форматі {1}.", Truncate(Field(columns.PaidOn)), format.DateFormat);
                rowValid = false;
            }

            if (columns.Readings is { } readingsColumn && readings is null && Field(readingsColumn).Length > 0)
            {
                errors.Add(line, "показання «{0}» — одне число або зони як «Д:6180 Н:2590».", Truncate(Field(readingsColumn)));
                rowValid = false;
            }

            if (format.RegistryNumberFrom.Column is { } numberColumn)
            {
                var number = Field(numberColumn);
                if (numberFromColumn is null)
                {
                    numberFromColumn = number;
                }
                else if (number != numberFromColumn)
                {
                    errors.Add(line, "номер реєстру «{0}» інший, ніж у першому рядку («{1}»): один файл — один реєстр.", Truncate(number), Truncate(numberFromColumn));
                    rowValid = false;
                }
            }

            if (rowValid)
            {
                rows.Add(new RegistryRow(rows.Count + 1, line, Field(columns.Reference), Field(columns.AccountNumber), Field(columns.PayerName), money,
                    paid.Value, Field(columns.Purpose), readings, Money.Zero));
            }
        }

        if (format.Footer is { } expected && footerLine is null)
        {
            errors.Add(lines.Count, "немає підсумкового рядка «{0}» з кількістю й сумою платежів — файл, мабуть, неповний.", expected.Marker);
        }

        if (rows.Count == 0 && !errors.Any)
        {
            errors.Add(lines.Count, "у реєстрі немає жодного платежу.");
        }

        var registryNumber = format.RegistryNumberFrom.Column is null ? Path.GetFileNameWithoutExtension(Path.GetFileName(fileName ?? "")).Trim() : numberFromColumn?.Trim() ?? "";
        if (registryNumber.Length is 0 or > PaymentRegistry.MaxNumberLength || TextLimits.HasForbiddenCharacters(registryNumber, multiLine: false))
        {
            errors.Add(1, "номер реєстру «{0}» ({1}) — від 1 до 80 символів.", Truncate(registryNumber), format.RegistryNumberFrom.ToString());
        }

        return new RegistryFile(registryNumber, null, rows, footer);
    }

    /// <summary>
    /// The file's records with their line numbers, parsed by CsvHelper one line at a time: a registry row never
    /// spans lines, so an unbalanced quote spoils its own line and is named, instead of swallowing the rest of the file.
    /// </summary>
    private static List<(long Line, IReadOnlyList<string> Fields)> Records(IReadOnlyList<string> lines, CsvRegistryFormat format)
    {
        var options = new CsvReaderOptions
        {
            Separator = format.Delimiter,
            HasHeader = false,
            TrimWhitespace = true,
            MalformedData = CsvMalformedDataHandling.Throw,
            AllowLineBreaksInQuotes = false,
            SkipEmptyLines = false,
            TrackLineNumbers = true,
        };
        var text = string.Join('\n', lines);
        var records = new List<(long Line, IReadOnlyList<string> Fields)>();
        try
        {
            using var csv = CsvReader.Create(new StringReader(text), options);
            while (csv.Read())
            {
                var fields = new string[csv.FieldCount];
                for (var i = 0; i < fields.Length; i++)
                {
                    fields[i] = csv.GetString(i);
                }

                records.Add((csv.LineNumber, fields));
            }
        }
        catch (CsvFormatException exception)
        {
            throw RegistryReader.FileError("registry_unreadable", "Рядок {0} файлу не є коректним CSV: перевірте лапки й роздільник «{1}».",
                exception.LineNumber, format.Delimiter);
        }

        return records;
    }

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
