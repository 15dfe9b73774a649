using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Vidnova.Kernel;
using Vidnova.Problems;

namespace Vidnova.Payments.Statements;

/// <summary>
/// One line of a bank statement as it arrived — every field still text, whether from JSON or from a CSV file — so the
/// same rules check both and the raw values can be kept.
/// </summary>
public sealed record StatementLineDraft(string? LineId, string? Amount, string? ValueDate, string? PayerName, string? PayerIban, string? Purpose);

/// <summary>A statement line that passed validation: money credited to the account holder's account on a value date.</summary>
public sealed record StatementLine(string LineId, Money Amount, LocalDate ValueDate, string PayerName, Iban? PayerIban, string Purpose);

/// <summary>
/// Checks a whole statement before anything of it is applied: every error of every line at once, keyed
/// <c>lines[i].field</c> (as the JSON body is), so the sender fixes the file in one go and nothing is half-imported.
/// </summary>
public static class StatementLines
{
    public const int MaxLines = 1000;
    public const int MaxLineIdLength = 100;
    public const int MaxStatementIdLength = 100;
    public const int MaxPayerNameLength = 200;

    /// <summary>As long as the invoice purpose can be (NBU payment instructions allow 420 characters).</summary>
    public const int MaxPurposeLength = 420;

    private static readonly LocalDatePattern DottedDate = LocalDatePattern.CreateWithInvariantCulture("dd.MM.yyyy");

    /// <param name="drafts">A JSON body may hold <c>null</c> where a line should be: that is an error of that line.</param>
    /// <param name="limits">The same amount ceiling as every other payment the API takes (<c>Payments:MaxAmount</c>).</param>
    public static (string StatementId, IReadOnlyList<StatementLine> Lines) Validate(string? statementId, IReadOnlyList<StatementLineDraft?>? drafts,
        LocalDate today, PaymentLimits limits)
    {
        var errors = new InputErrors();
        if (string.IsNullOrWhiteSpace(statementId) || statementId.Trim().Length > MaxStatementIdLength || HasControl(statementId))
        {
            errors.Add("statementId", "Вкажіть ідентифікатор виписки (statementId) — до 100 символів, без керівних символів.");
        }

        if (drafts is null || drafts.Count == 0)
        {
            errors.Add("lines", "Виписка не містить жодного рядка (lines).");
        }
        else if (drafts.Count > MaxLines)
        {
            errors.Add("lines", "Виписка містить {0} рядків; за один раз приймається не більше {1} — розділіть її на частини.", drafts.Count, MaxLines);
        }

        var lines = new List<StatementLine>();
        for (var i = 0; drafts is not null && i < drafts.Count && drafts.Count <= MaxLines; i++)
        {
            if (drafts[i] is not { } draft)
            {
                errors.Add($"lines[{i}]", "Рядок виписки порожній (null) — передайте об'єкт з полями lineId, amount, valueDate, payerName, purpose.");
                continue;
            }

            var line = ValidateLine(draft, $"lines[{i}]", today, limits, errors);
            if (line is not null)
            {
                lines.Add(line);
            }
        }

        errors.ThrowIfAny();
        return (statementId!.Trim(), lines);
    }

    /// <summary>An amount as banks write it: <c>373.20</c>, <c>373,20</c> or <c>1 373,20</c>.</summary>
    public static bool TryParseAmount(string? text, out decimal amount)
    {
        amount = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var compact = string.Concat(text.Where(c => !char.IsWhiteSpace(c) && c != '\u00A0')).Replace(',', '.');
        return compact.Count(c => c == '.') <= 1
            && decimal.TryParse(compact, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out amount);
    }

    private static StatementLine? ValidateLine(StatementLineDraft draft, string prefix, LocalDate today, PaymentLimits limits, InputErrors errors)
    {
        var valid = true;
        void Refuse(string field, string messageFormat, params object[] arguments)
        {
            errors.Add($"{prefix}.{field}", messageFormat, arguments);
            valid = false;
        }

        var lineId = draft.LineId?.Trim();
        if (string.IsNullOrEmpty(lineId) || lineId.Length > MaxLineIdLength || HasControl(lineId))
        {
            Refuse("lineId", "Вкажіть ідентифікатор рядка виписки (lineId) — до 100 символів; за ним повтор рядка не зарахується двічі.");
        }

        Money amount = default;
        if (!TryParseAmount(draft.Amount, out var value) || !limits.TryPositiveAmount(value, out amount))
        {
            Refuse("amount", "Сума — додатна сума в гривнях з не більше ніж двома знаками після коми, до {0}.", Money.Uah(decimal.Round(limits.MaxAmount, 2)));
        }

        var date = ParseDate(draft.ValueDate);
        if (date is null)
        {
            Refuse("valueDate", "Дата валютування (valueDate) — дата у форматі 2026-12-01 або 01.12.2026.");
        }
        else if (date > today.PlusDays(1))
        {
            Refuse("valueDate", "Дата валютування {0} ще не настала.", draft.ValueDate!.Trim());
        }

        var payerName = draft.PayerName?.Trim();
        if (string.IsNullOrEmpty(payerName) || payerName.Length > MaxPayerNameLength || HasControl(payerName))
        {
            Refuse("payerName", "Вкажіть платника (payerName) — до 200 символів, без керівних символів.");
        }

        Iban? payerIban = null;
        if (!string.IsNullOrWhiteSpace(draft.PayerIban) && !Iban.TryParse(draft.PayerIban, out payerIban))
        {
            Refuse("payerIban", "IBAN платника (payerIban) — український IBAN з 29 символів (UA…) з правильними контрольними цифрами, або не вказуйте його.");
        }

        var purpose = draft.Purpose?.Trim();
        if (string.IsNullOrEmpty(purpose) || purpose.Length > MaxPurposeLength || HasControl(purpose))
        {
            Refuse("purpose", "Вкажіть призначення платежу (purpose) — до 420 символів, без керівних символів.");
        }

        return !valid ? null : new StatementLine(lineId!, amount, date!.Value, payerName!, payerIban, purpose!);
    }

    private static LocalDate? ParseDate(string? text)
    {
        var trimmed = text?.Trim() ?? "";
        return LocalDatePattern.Iso.Parse(trimmed) is { Success: true } iso ? iso.Value
            : DottedDate.Parse(trimmed) is { Success: true } dotted ? dotted.Value
            : null;
    }

    /// <summary>The same characters the API refuses everywhere else (<see cref="TextLimits"/>), also for an uploaded file's cells.</summary>
    private static bool HasControl(string text) => TextLimits.HasForbiddenCharacters(text, multiLine: false);
}
