using System.Text;
using CsvHelper;
using Vidnova.Problems;

namespace Vidnova.Payments.Statements;

/// <summary>
/// Which CSV columns hold which field (<c>Dso:Statements:Csv</c>): banks export statements with their own headers,
/// so the mapping is configuration, not code. Header names are compared ignoring case and surrounding spaces.
/// </summary>
public sealed class StatementCsvOptions
{
    public const string Section = "Dso:Statements:Csv";

    public char Delimiter { get; set; } = ',';

    /// <summary>A statement file larger than this is refused before it is read.</summary>
    public int MaxBytes { get; set; } = 5 * 1024 * 1024;

    public StatementCsvColumns Columns { get; set; } = new();
}

public sealed class StatementCsvColumns
{
    public string LineId { get; set; } = "lineId";

    public string Amount { get; set; } = "amount";

    public string ValueDate { get; set; } = "valueDate";

    public string PayerName { get; set; } = "payerName";

    /// <summary>Optional in the file: a statement without the payer's account still confirms payments.</summary>
    public string PayerIban { get; set; } = "payerIban";

    public string Purpose { get; set; } = "purpose";
}

/// <summary>The encodings Ukrainian banks export statements in.</summary>
public enum StatementEncoding
{
    Utf8,
    Windows1251,
}

/// <summary>
/// A statement file's lines and, for each, the line of the file where it starts (the header is line 1). Blank rows
/// are skipped, so <c>lines[i]</c> is not always file line <c>i + 2</c>: staff are told the line they can find.
/// </summary>
public sealed record StatementFile(IReadOnlyList<StatementLineDraft> Lines, IReadOnlyList<long> FileLines);

/// <summary>
/// Reads a bank statement file into drafts, one per row, with nothing checked but the file's shape: the same
/// <see cref="StatementLines"/> rules then check the fields, whether the lines came as JSON or as a file.
/// </summary>
public static class StatementCsv
{
    static StatementCsv() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Strict decoders: a Windows-1251 file read as UTF-8 is refused, not imported as mojibake.</summary>
    public static Encoding EncodingOf(StatementEncoding encoding) => encoding switch
    {
        StatementEncoding.Windows1251 => Encoding.GetEncoding(1251, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback),
        _ => new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true),
    };

    public static StatementFile Read(byte[] content, StatementEncoding encoding, StatementCsvOptions options)
    {
        if (content.Length > options.MaxBytes)
        {
            throw FileError("Файл виписки більший за {0} КБ. Розділіть виписку на кілька файлів.", options.MaxBytes / 1024);
        }

        string text;
        try
        {
            text = EncodingOf(encoding).GetString(content).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            throw FileError("Файл не в кодуванні {0}. Оберіть інше кодування (UTF-8 або Windows-1251) і завантажте файл ще раз.",
                encoding == StatementEncoding.Utf8 ? "UTF-8" : "Windows-1251");
        }

        try
        {
            using var csv = CsvReader.Create(new StringReader(text), new CsvReaderOptions
            {
                Separator = options.Delimiter,
                HasHeader = true,
                TrimWhitespace = true,
                MalformedData = CsvMalformedDataHandling.Throw,
                TrackLineNumbers = true,
            });
            var header = csv.Headers.ToList();
            if (header.Count == 0)
            {
                throw FileError("Файл виписки порожній: очікується рядок заголовків і рядки платежів.");
            }

            var columns = options.Columns;
            int? Find(string name) => header.FindIndex(h => string.Equals(h.Trim(), name.Trim(), StringComparison.OrdinalIgnoreCase)) is var i and >= 0 ? i : null;
            var required = new[] { columns.LineId, columns.Amount, columns.ValueDate, columns.PayerName, columns.Purpose };
            var missing = required.Where(name => Find(name) is null).ToList();
            if (missing.Count > 0)
            {
                throw FileError("У файлі немає стовпців {0} (роздільник «{1}»). Перевірте, що обрано правильні ОСР і кодування, і що банк не змінив заголовки.",
                    string.Join(", ", missing.Select(m => $"«{m}»")), options.Delimiter);
            }

            var (lineId, amount, valueDate, payerName, payerIban, purpose) =
                (Find(columns.LineId), Find(columns.Amount), Find(columns.ValueDate), Find(columns.PayerName), Find(columns.PayerIban), Find(columns.Purpose));
            var drafts = new List<StatementLineDraft>();
            var fileLines = new List<long>();
            while (csv.Read())
            {
                string? Field(int? index) => index is { } i && i < csv.FieldCount ? csv.GetString(i) : null;
                if (Enumerable.Range(0, csv.FieldCount).All(i => string.IsNullOrWhiteSpace(csv.GetString(i))))
                {
                    continue;
                }

                drafts.Add(new StatementLineDraft(Field(lineId), Field(amount), Field(valueDate), Field(payerName), Field(payerIban), Field(purpose)));
                fileLines.Add(csv.LineNumber);
            }

            return new StatementFile(drafts, fileLines);
        }
        catch (CsvFormatException exception)
        {
            throw FileError("Файл не є коректним CSV (запис {0}): перевірте лапки й роздільник «{1}».", exception.RecordNumber, options.Delimiter);
        }
    }

    private static InputValidationException FileError(string messageFormat, params object[] arguments) =>
        new([new FieldError("file", messageFormat, arguments)]);
}
