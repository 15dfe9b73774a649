using System.Text;
using NodaTime.Text;
using Vidnova.Problems;

namespace Vidnova.Payments.Registries;

/// <summary>
/// How a partner's registry file is laid out — data stored with the partner, not code: a CSV with its encoding,
/// separator, columns and footer, or PrivatBank's fixed-width «ПЛАТІЖНИЙ РЕЄСТР (платежі громадян)».
/// </summary>
public abstract record RegistryFormat
{
    public const string CsvType = "csv";
    public const string PrivatBankType = "privatbank-fixed-width";

    public abstract string Type { get; }

    /// <summary>The input as a partner's administrator sends it (<c>PUT /payment-partners/{code}</c>), checked field by field.</summary>
    public static RegistryFormat Validate(RegistryFormatInput? input, InputErrors errors)
    {
        switch (input?.Type?.Trim().ToLowerInvariant())
        {
            case CsvType:
                return CsvRegistryFormat.ValidateCsv(input, errors);
            case PrivatBankType:
                var encoding = RegistryEncodings.Parse(input.Encoding ?? RegistryEncodings.Windows1251);
                if (encoding is null)
                {
                    errors.Add("format.encoding", "Кодування — utf-8 або windows-1251.");
                }

                return new PrivatBankRegistryFormat(encoding ?? RegistryEncodings.Windows1251);
            default:
                errors.Add("format.type", "Тип формату — csv або privatbank-fixed-width.");
                return new PrivatBankRegistryFormat(RegistryEncodings.Windows1251);
        }
    }

    /// <summary>The stored format as the API shows it, the same shape it was sent in.</summary>
    public abstract RegistryFormatInput ToInput();
}

/// <summary>The format's JSON: every field optional here, so that each missing or wrong one is named in the refusal.</summary>
public sealed record RegistryFormatInput(
    [Text(32)] string? Type,
    [Text(16)] string? Encoding = null,
    [Text(4)] string? Delimiter = null,
    [Text(4)] string? DecimalSeparator = null,
    int? HeaderRows = null,
    Dictionary<string, int>? Columns = null,
    [Text(32)] string? DateFormat = null,
    RegistryFooterInput? Footer = null,
    [Text(32)] string? RegistryNumberFrom = null);

public sealed record RegistryFooterInput([Text(40)] string? Marker, int? CountColumn, int? AmountColumn);

/// <summary>The encodings Ukrainian banks and Ukrposhta export in.</summary>
public static class RegistryEncodings
{
    public const string Utf8 = "utf-8";
    public const string Windows1251 = "windows-1251";

    static RegistryEncodings() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static string? Parse(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        "utf-8" or "utf8" => Utf8,
        "windows-1251" or "cp1251" => Windows1251,
        _ => null,
    };

    /// <summary>Strict decoders: a Windows-1251 file read as UTF-8 is refused, not imported as mojibake.</summary>
    public static Encoding Of(string name) => name == Windows1251
        ? Encoding.GetEncoding(1251, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback)
        : new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
}

/// <summary>Which 0-based column holds which field of a CSV registry; <see cref="Readings"/> is optional.</summary>
public sealed record CsvRegistryColumns(int Reference, int AccountNumber, int PayerName, int Amount, int PaidOn, int Purpose, int? Readings);

public sealed record CsvRegistryFooter(string Marker, int CountColumn, int AmountColumn);

/// <summary><c>registryNumberFrom</c>: the file's name without its extension, or the value of a column (the same in every row).</summary>
public sealed record RegistryNumberSource(int? Column)
{
    public static readonly RegistryNumberSource FileName = new((int?)null);

    public override string ToString() => Column is { } column ? $"column:{column}" : "fileName";
}

public sealed record CsvRegistryFormat(
    string Encoding,
    char Delimiter,
    char DecimalSeparator,
    int HeaderRows,
    CsvRegistryColumns Columns,
    string DateFormat,
    CsvRegistryFooter? Footer,
    RegistryNumberSource RegistryNumberFrom) : RegistryFormat
{
    public const int MaxColumn = 200;
    public const int MaxHeaderRows = 50;

    public override string Type => CsvType;

    public LocalDatePattern DatePattern => LocalDatePattern.CreateWithInvariantCulture(DateFormat);

    internal static CsvRegistryFormat ValidateCsv(RegistryFormatInput input, InputErrors errors)
    {
        var encoding = RegistryEncodings.Parse(input.Encoding);
        if (encoding is null)
        {
            errors.Add("format.encoding", "Кодування — utf-8 або windows-1251.");
        }

        var delimiter = input.Delimiter is [var d] && d is ';' or ',' or '\t' or '|' ? d : '\0';
        if (delimiter == '\0')
        {
            errors.Add("format.delimiter", "Роздільник — один символ: «;», «,», «|» або табуляція.");
        }

        var decimalSeparator = input.DecimalSeparator is [var s] && s is ',' or '.' ? s : '\0';
        if (decimalSeparator == '\0' || decimalSeparator == delimiter)
        {
            errors.Add("format.decimalSeparator", "Десятковий роздільник — «,» або «.», інший, ніж роздільник стовпців.");
        }

        if (input.HeaderRows is not (>= 0 and <= MaxHeaderRows))
        {
            errors.Add("format.headerRows", "Кількість рядків заголовка (headerRows) — від 0 до {0}.", MaxHeaderRows);
        }

        var columns = ValidateColumns(input.Columns, errors);
        var dateFormat = input.DateFormat?.Trim() ?? "";
        if (dateFormat.Length == 0 || !IsDatePattern(dateFormat))
        {
            errors.Add("format.dateFormat", "Формат дати (dateFormat) — шаблон на зразок dd.MM.yyyy або yyyy-MM-dd.");
        }

        CsvRegistryFooter? footer = null;
        if (input.Footer is { } footerInput)
        {
            if (string.IsNullOrWhiteSpace(footerInput.Marker) || footerInput.Marker.Trim().Length > 40)
            {
                errors.Add("format.footer.marker", "Позначка підсумкового рядка (footer.marker) — текст першої клітинки, наприклад РАЗОМ.");
            }

            if (footerInput.CountColumn is not (>= 0 and <= MaxColumn) || footerInput.AmountColumn is not (>= 0 and <= MaxColumn))
            {
                errors.Add("format.footer", "Стовпці підсумкового рядка (countColumn, amountColumn) — номери від 0 до {0}.", MaxColumn);
            }
            else if (!string.IsNullOrWhiteSpace(footerInput.Marker))
            {
                footer = new CsvRegistryFooter(footerInput.Marker.Trim(), footerInput.CountColumn.Value, footerInput.AmountColumn.Value);
            }
        }

        var numberFrom = ParseNumberSource(input.RegistryNumberFrom);
        if (numberFrom is null)
        {
            errors.Add("format.registryNumberFrom", "Звідки брати номер реєстру (registryNumberFrom) — fileName або column:<номер стовпця>.");
        }

        return new CsvRegistryFormat(encoding ?? RegistryEncodings.Utf8, delimiter, decimalSeparator, input.HeaderRows ?? 0,
            columns ?? new CsvRegistryColumns(0, 0, 0, 0, 0, 0, null), dateFormat, footer, numberFrom ?? RegistryNumberSource.FileName);
    }

    public override RegistryFormatInput ToInput()
    {
        var columns = new Dictionary<string, int>
        {
            ["reference"] = Columns.Reference,
            ["accountNumber"] = Columns.AccountNumber,
            ["payerName"] = Columns.PayerName,
            ["amount"] = Columns.Amount,
            ["paidOn"] = Columns.PaidOn,
            ["purpose"] = Columns.Purpose,
        };
        if (Columns.Readings is { } readings)
        {
            columns["readings"] = readings;
        }

        return new RegistryFormatInput(Type, Encoding, Delimiter == '\t' ? "\t" : Delimiter.ToString(), DecimalSeparator.ToString(), HeaderRows, columns,
            DateFormat, Footer is { } f ? new RegistryFooterInput(f.Marker, f.CountColumn, f.AmountColumn) : null, RegistryNumberFrom.ToString());
    }

    private static CsvRegistryColumns? ValidateColumns(Dictionary<string, int>? input, InputErrors errors)
    {
        string[] required = ["reference", "accountNumber", "payerName", "amount", "paidOn", "purpose"];
        var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, index) in input ?? [])
        {
            columns[name] = index;
        }

        var ok = true;
        foreach (var name in required.Append("readings"))
        {
            if (columns.TryGetValue(name, out var index) && index is < 0 or > MaxColumn)
            {
                errors.Add($"format.columns.{name}", "Номер стовпця — від 0 до {0} (нумерація з нуля).", MaxColumn);
                ok = false;
            }
            else if (!columns.ContainsKey(name) && name != "readings")
            {
                errors.Add($"format.columns.{name}", "Вкажіть номер стовпця {0} (з нуля).", name);
                ok = false;
            }
        }

        if (columns.Keys.FirstOrDefault(k => !required.Contains(k, StringComparer.OrdinalIgnoreCase) && !k.Equals("readings", StringComparison.OrdinalIgnoreCase)) is { } unknown)
        {
            errors.Add("format.columns", "Невідоме поле {0}; поля: reference, accountNumber, payerName, amount, paidOn, purpose і необов'язкове readings.", unknown);
            ok = false;
        }

        return ok
            ? new CsvRegistryColumns(columns["reference"], columns["accountNumber"], columns["payerName"], columns["amount"], columns["paidOn"], columns["purpose"],
                columns.TryGetValue("readings", out var r) ? r : null)
            : null;
    }

    private static bool IsDatePattern(string pattern)
    {
        try
        {
            var parsed = LocalDatePattern.CreateWithInvariantCulture(pattern);
            // A pattern without a year, month and day would accept a date it cannot tell apart.
            return pattern.Contains("yy", StringComparison.Ordinal) && pattern.Contains("MM", StringComparison.Ordinal) && pattern.Contains('d', StringComparison.Ordinal)
                && parsed.Parse(parsed.Format(new NodaTime.LocalDate(2026, 11, 25))).Success;
        }
        catch (InvalidPatternException)
        {
            return false;
        }
    }

    private static RegistryNumberSource? ParseNumberSource(string? text)
    {
        var value = text?.Trim() ?? "";
        if (value.Equals("fileName", StringComparison.OrdinalIgnoreCase))
        {
            return RegistryNumberSource.FileName;
        }

        return value.StartsWith("column:", StringComparison.OrdinalIgnoreCase)
            && int.TryParse(value["column:".Length..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var column)
            && column <= MaxColumn
            ? new RegistryNumberSource(column)
            : null;
    }
}

/// <summary>PrivatBank's fixed-width registry of citizens' payments; its layout is PrivatBank's, only the encoding varies.</summary>
public sealed record PrivatBankRegistryFormat(string Encoding) : RegistryFormat
{
    public override string Type => PrivatBankType;

    public override RegistryFormatInput ToInput() => new(Type, Encoding);
}
