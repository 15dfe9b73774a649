using System.Globalization;
using System.Text;
using CsvHelper;
using Microsoft.Extensions.Localization;
using Vidnova.Calendar;
using Vidnova.Kernel;
using Vidnova.Ledger;
using Vidnova.Localization;

namespace Vidnova.Cabinet;

/// <summary>
/// An account's ledger as a spreadsheet file. People open it in Excel, which reads a file by the conventions of its
/// own language: in Ukrainian a semicolon between fields and a decimal comma, in English a comma and a point — so the
/// file follows the request's culture, and starts with a UTF-8 byte-order mark so that Cyrillic is read as such.
/// </summary>
internal static class LedgerCsv
{
    public const string ContentType = "text/csv";

    /// <summary>The columns, as the JSON's entries have them: date, kind, description, amount, running balance.</summary>
    private static readonly string[] Headers = ["Дата", "Вид", "Опис", "Сума, грн", "Сальдо, грн"];

    public static byte[] Write(LedgerStatement statement, IStringLocalizer<SharedResource> text, CultureInfo culture)
    {
        using var buffer = new MemoryStream();
        using (var writer = new StreamWriter(buffer, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true))
        using (var csv = CsvWriter.Create(writer, new CsvWriterOptions
        {
            // Excel separates fields with a semicolon wherever a comma is the decimal separator.
            Separator = culture.NumberFormat.NumberDecimalSeparator == "," ? ';' : ',',
            // A description starting with = + - @ would run as a formula when the file is opened.
            Injection = CsvInjection.Escape,
        }, leaveOpen: true))
        {
            csv.WriteRecord([.. Headers.Select(header => text[header].Value)]);
            foreach (var line in statement.Lines)
            {
                csv.WriteField(KyivTime.DateOf(line.OccurredAt).ToString("uuuu-MM-dd", CultureInfo.InvariantCulture));
                csv.WriteField(text[LedgerKinds.Ukrainian(line.Kind)].Value);
                csv.WriteField(line.Description);
                csv.WriteField(line.Amount.Amount, "0.00", culture);
                csv.WriteField(line.RunningBalance.Amount, "0.00", culture);
                csv.EndRecord();
            }
        }

        return buffer.ToArray();
    }

    /// <summary>«vidnova-1000000001-2026-01-01-2026-11-30.csv»; an open end is left out.</summary>
    public static string FileName(AccountNumber account, StatementPeriod period)
    {
        var parts = new List<string> { "vidnova", account.Value };
        if (period.From is { } from)
        {
            parts.Add(from.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture));
        }

        if (period.To is { } to)
        {
            parts.Add((period.From is null ? "to-" : "") + to.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture));
        }

        return string.Join('-', parts) + ".csv";
    }
}

/// <summary>The kinds of ledger entry as the API spells them and as people read them.</summary>
internal static class LedgerKinds
{
    public static string ApiName(LedgerEntryKind kind) => kind switch
    {
        LedgerEntryKind.Charge => "charge",
        LedgerEntryKind.Payment => "payment",
        LedgerEntryKind.Adjustment => "adjustment",
        LedgerEntryKind.OpeningBalance => "opening_balance",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The Ukrainian name, also the key of its English translation.</summary>
    public static string Ukrainian(LedgerEntryKind kind) => kind switch
    {
        LedgerEntryKind.Charge => "Нарахування",
        LedgerEntryKind.Payment => "Оплата",
        LedgerEntryKind.Adjustment => "Коригування",
        LedgerEntryKind.OpeningBalance => "Початкове сальдо",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
