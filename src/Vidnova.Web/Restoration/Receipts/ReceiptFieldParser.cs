using System.Globalization;
using System.Text.RegularExpressions;
using NodaTime;
using Vidnova.Kernel;

namespace Vidnova.Restoration.Receipts;

/// <summary>
/// Finds the receipt's fields by their labels. A label starts a cell; its value is the rest of that cell
/// («Сума: 1 234,56 грн»), else the next cell on the line (a label column and a value column), else the cell
/// below it (a small label above its value). The payee's name and the purpose may wrap over further lines.
/// Generic labels («Рахунок», «Код», «Назва») count for the payee unless they follow the payer's block.
/// </summary>
internal static partial class ReceiptFieldParser
{
    private enum Field
    {
        PayeeName,
        PayeeCode,
        PayeeIban,
        Amount,
        Date,
        Purpose,

        /// <summary>A label of the payer (sender); its block's generic labels are not the payee's.</summary>
        Payer,

        /// <summary>A label whose value is not needed (fee, status, operation number…); it ends a wrapped value.</summary>
        Other,
    }

    private enum Party
    {
        Any,
        Payee,
        Payer,
    }

    /// <param name="Weak">A word that also occurs in running text («номер», «сума», «код»): inside a wrapped value it
    /// counts as a label only when it stands alone in its cell or ends with a colon.</param>
    private sealed record Label(Field Field, Party Party, int Priority, bool Weak, Regex Pattern);

    private const string PayeeWord = @"(?:отримувача|одержувача|бенефіціара|зарахування)";
    private const string PayerWord = @"(?:платника|відправника|замовника|списання)";
    private const string Currency = @"(?:\s*,?\s*\(?(?:грн|uah|₴)\.?\)?)?";

    /// <summary>Tried in order on the start of each cell (lower case, single spaces); the first that matches wins.</summary>
    private static readonly Label[] Labels =
    [
        L(Field.Payer, Party.Payer, 0, false, $@"(?:рахунок|iban|номер рахунку|р/р|картка|номер картки|карта|код|код єдрпоу|єдрпоу|рнокпп|іпн|назва|найменування|піб|банк)\s+{PayerWord}"),
        L(Field.Payer, Party.Payer, 0, true, @"(?:платник|відправник|з картки|з рахунку|картка|карта|рнокпп|іпн)"),
        L(Field.PayeeIban, Party.Payee, 0, false, $@"(?:рахунок|iban|рахунок iban|номер рахунку|р/р)\s+{PayeeWord}"),
        L(Field.PayeeCode, Party.Payee, 0, false, $@"(?:код\s+)?(?:єдрпоу|едрпоу)\s+{PayeeWord}"),
        L(Field.PayeeCode, Party.Payee, 0, false, $@"(?:ідентифікаційний\s+)?код\s+{PayeeWord}(?:\s*\(?(?:єдрпоу|едрпоу)\)?)?"),
        L(Field.PayeeName, Party.Payee, 0, false, $@"(?:назва|найменування|піб)\s+{PayeeWord}"),
        L(Field.Other, Party.Payee, 0, false, $@"(?:банк|мфо\s+банку|мфо)\s+{PayeeWord}"),
        L(Field.PayeeName, Party.Payee, 1, true, @"(?:отримувач|одержувач)(?:\s+(?:платежу|коштів))?"),
        L(Field.Other, Party.Any, 0, false, @"(?:код|номер)\s+(?:операції|транзакції|авторизації|документа|квитанції|платежу)"),
        L(Field.Other, Party.Any, 0, true, @"(?:номер(?!\s+рахунку)|№|квитанція|платіжна інструкція|статус|тип операції|спосіб оплати|підпис|м\.\s?п\.|час|курс)"),
        L(Field.Other, Party.Any, 0, true, @"(?:сума\s+(?:з\s+комісією|комісії|до\s+списання|списання|разом|прописом)|загальна сума|комісія|разом|всього|усього)"),
        L(Field.Amount, Party.Any, 0, false, @"сума\s+(?:платежу|переказу|операції|до\s+сплати|оплати|зарахування)" + Currency),
        L(Field.Amount, Party.Any, 1, true, "(?:сума|до сплати)" + Currency),
        L(Field.Other, Party.Any, 0, false, @"дата\s+(?:створення|формування|друку|документа|квитанції|народження)"),
        L(Field.Date, Party.Any, 0, false, @"дата(?:\s+(?:і|та)\s+час)?\s+(?:операції|платежу|переказу|виконання|проведення|оплати|списання|валютування)"),
        L(Field.Date, Party.Any, 1, true, @"дата(?:\s+(?:і|та)\s+час)?"),
        L(Field.Purpose, Party.Any, 0, false, @"призначення(?:\s+(?:платежу|переказу))?"),
        L(Field.Purpose, Party.Any, 1, true, @"(?:коментар|повідомлення)(?:\s+(?:до\s+(?:платежу|переказу)|отримувачу))?"),
        L(Field.PayeeCode, Party.Any, 2, true, @"(?:код\s+)?(?:єдрпоу|едрпоу)|ідентифікаційний код|код"),
        L(Field.PayeeIban, Party.Any, 2, true, @"iban|рахунок(?:\s+iban)?|номер рахунку|р/р"),
        L(Field.PayeeName, Party.Any, 2, true, @"назва|найменування"),
        L(Field.Other, Party.Any, 0, true, @"банк|мфо"),
    ];

    private static readonly string[] Months =
        ["січня", "лютого", "березня", "квітня", "травня", "червня", "липня", "серпня", "вересня", "жовтня", "листопада", "грудня"];

    public static ReceiptFields Parse(ReceiptText text)
    {
        var found = new Dictionary<Field, (int Priority, object Value)>();
        var ibansOutsidePayer = new List<Iban>();
        var consumed = new HashSet<ReceiptCell>(ReferenceEqualityComparer.Instance);
        var party = Party.Any;
        var lines = text.Lines;

        for (var lineIndex = 0; lineIndex < lines.Count; lineIndex++)
        {
            var line = lines[lineIndex];
            for (var cellIndex = 0; cellIndex < line.Cells.Count; cellIndex++)
            {
                var cell = line.Cells[cellIndex];
                if (consumed.Contains(cell))
                {
                    continue;
                }

                var match = MatchLabel(cell.Text);
                if (match is null)
                {
                    if (party != Party.Payer)
                    {
                        ibansOutsidePayer.AddRange(FindIbans(cell.Text));
                    }

                    continue;
                }

                var (label, labelLength) = match.Value;
                if (label.Party != Party.Any)
                {
                    party = label.Party;
                }

                if (label.Field is Field.Payer or Field.Other || (label.Party == Party.Any && label.Priority == 2 && party == Party.Payer))
                {
                    // Its value is not the payee's: take it out of the way so that it is not read as one.
                    ValueOf(lines, lineIndex, cellIndex, labelLength, consumed, mayWrap: false);
                    continue;
                }

                var value = ValueOf(lines, lineIndex, cellIndex, labelLength, consumed, label.Field is Field.PayeeName or Field.Purpose);
                if (value is null)
                {
                    continue;
                }

                if (label.Field == Field.PayeeIban)
                {
                    ibansOutsidePayer.AddRange(FindIbans(value));
                }

                var parsed = Interpret(label.Field, value);
                if (parsed is not null && (!found.TryGetValue(label.Field, out var previous) || label.Priority < previous.Priority))
                {
                    found[label.Field] = (label.Priority, parsed);
                }
            }
        }

        var iban = found.TryGetValue(Field.PayeeIban, out var labelled) ? (Iban)labelled.Value
            : ibansOutsidePayer.Count > 0 ? ibansOutsidePayer[0] : (Iban?)null;
        var date = found.TryGetValue(Field.Date, out var labelledDate) ? (LocalDate)labelledDate.Value
            : lines.SelectMany(l => l.Cells).Select(c => FindDate(c.Text)).FirstOrDefault(d => d is not null);

        return new ReceiptFields(
            found.TryGetValue(Field.PayeeName, out var name) ? (string)name.Value : null,
            iban,
            found.TryGetValue(Field.PayeeCode, out var code) ? (Edrpou)code.Value : null,
            found.TryGetValue(Field.Amount, out var amount) ? (Money)amount.Value : UnlabelledAmount(lines),
            date,
            found.TryGetValue(Field.Purpose, out var purpose) ? (string)purpose.Value : null);
    }

    /// <summary>The label at the start of <paramref name="cellText"/> and its length including a trailing colon.</summary>
    private static (Label Label, int Length)? MatchLabel(string cellText)
    {
        var normalized = ReceiptTextNormalizer.ForMatching(cellText);
        foreach (var label in Labels)
        {
            var match = label.Pattern.Match(normalized);
            if (match.Success)
            {
                return (label, match.Length);
            }
        }

        return null;
    }

    /// <summary>
    /// Whether a cell that could be part of a value is rather the next label: a strong label, or a weak one (see
    /// <see cref="Label.Weak"/>) alone in its cell, with a colon, or followed by a value of its kind («Сума 1 234,56»).
    /// </summary>
    private static bool LooksLikeLabel(ReceiptCell cell)
    {
        if (MatchLabel(cell.Text) is not { } match)
        {
            return false;
        }

        var remainder = cell.Text[match.Length..].Trim();
        return !match.Label.Weak || remainder.Length == 0 || cell.Text[..match.Length].TrimEnd().EndsWith(':')
            || (match.Label.Field is Field.PayeeCode or Field.PayeeIban or Field.Amount or Field.Date && Interpret(match.Label.Field, remainder) is not null);
    }

    private static string? ValueOf(IReadOnlyList<ReceiptLine> lines, int lineIndex, int cellIndex, int labelLength,
        HashSet<ReceiptCell> consumed, bool mayWrap)
    {
        var line = lines[lineIndex];
        var labelCell = line.Cells[cellIndex];
        var remainder = labelCell.Text[labelLength..].Trim();
        var parts = new List<string>();
        double valueLeft;
        int lastLine;
        if (remainder.Length > 0)
        {
            parts.Add(remainder);
            valueLeft = labelCell.Left + (labelCell.Right - labelCell.Left) * (labelCell.Text.Length - remainder.Length) / labelCell.Text.Length;
            lastLine = lineIndex;
        }
        else if (cellIndex + 1 < line.Cells.Count && !LooksLikeLabel(line.Cells[cellIndex + 1]))
        {
            var next = line.Cells[cellIndex + 1];
            consumed.Add(next);
            parts.Add(next.Text);
            valueLeft = next.Left;
            lastLine = lineIndex;
        }
        else
        {
            var below = lineIndex + 1 < lines.Count && IsNextLine(line, lines[lineIndex + 1]) ? lines[lineIndex + 1] : null;
            var cell = below?.Cells.FirstOrDefault(c => !consumed.Contains(c) && Overlaps(c, labelCell, line.Height));
            if (cell is null || LooksLikeLabel(cell))
            {
                return null;
            }

            consumed.Add(cell);
            parts.Add(cell.Text);
            valueLeft = cell.Left;
            lastLine = lineIndex + 1;
        }

        if (mayWrap)
        {
            var tolerance = line.Height * 1.5;
            while (lastLine + 1 < lines.Count)
            {
                var previous = lines[lastLine];
                var candidate = lines[lastLine + 1];
                var first = candidate.Cells[0];
                var aligned = Math.Abs(first.Left - valueLeft) <= tolerance || Math.Abs(first.Left - labelCell.Left) <= tolerance;
                if (!IsNextLine(previous, candidate) || !aligned || candidate.Cells.Any(c => c.Left < Math.Min(valueLeft, labelCell.Left) - tolerance)
                    || candidate.Cells.Any(c => LooksLikeLabel(c) || FindIbans(c.Text).Any()))
                {
                    break;
                }

                foreach (var cell in candidate.Cells)
                {
                    consumed.Add(cell);
                    parts.Add(cell.Text);
                }

                lastLine++;
            }
        }

        return string.Join(" ", parts);
    }

    /// <summary>The line right below, on the same page, with no more than about a line's height between them.</summary>
    private static bool IsNextLine(ReceiptLine above, ReceiptLine below) =>
        below.Page == above.Page && below.Top - above.Bottom <= Math.Max(above.Height, below.Height) * 0.9;

    private static bool Overlaps(ReceiptCell cell, ReceiptCell label, double height) =>
        cell.Left <= label.Right + height && cell.Right >= label.Left - height && Math.Abs(cell.Left - label.Left) <= Math.Max(label.Right - label.Left, height * 2);

    private static object? Interpret(Field field, string value) => field switch
    {
        Field.PayeeIban => FindIbans(value).Select(i => (Iban?)i).FirstOrDefault(),
        Field.PayeeCode => EightDigits().Matches(value).Select(m => Edrpou.TryParse(m.Value, out var code) ? code : null).FirstOrDefault(c => c is not null),
        Field.Amount => ParseAmount(value),
        Field.Date => FindDate(value),
        _ => value.Trim().Length > 0 && value.Trim() is not ("-" or "—") ? value.Trim() : null,
    };

    private static IEnumerable<Iban> FindIbans(string text)
    {
        var compact = string.Concat(text.Where(c => !char.IsWhiteSpace(c) && c != '\u00A0')).ToUpperInvariant();
        foreach (Match match in IbanShape().Matches(compact))
        {
            if (Iban.TryParse(match.Value, out var iban))
            {
                yield return iban.Value;
            }
        }
    }

    /// <summary>
    /// The first amount in the value: «1 234,56», «1234.56», «1 234,56 грн», «1234,56 UAH», «1,234.56», «-1 234,56 ₴».
    /// A sign is dropped (apps show a payment as a debit); more than two decimals is not an amount in UAH.
    /// </summary>
    internal static Money? ParseAmount(string value)
    {
        var match = AmountShape().Match(ReceiptTextNormalizer.CollapseSpaces(value));
        if (!match.Success)
        {
            return null;
        }

        var integer = match.Groups["int"].Value.Where(char.IsAsciiDigit);
        var fraction = match.Groups["frac"].Success ? match.Groups["frac"].Value.PadRight(2, '0') : "00";
        var digits = string.Concat(integer) + "." + fraction;
        return decimal.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount)
            && Money.TryParse(amount, out var money) ? money : null;
    }

    /// <summary>
    /// A neobank's receipt prints the amount as a large figure with no label above the details («₴373,20»,
    /// «−373,20 ₴», «373.20 UAH»): the first cell that is nothing but an amount with its currency, read only when no
    /// label named the amount. The currency is required, so a bare number (a receipt's own number) is never taken.
    /// </summary>
    internal static Money? UnlabelledAmount(IReadOnlyList<ReceiptLine> lines)
    {
        foreach (var cell in lines.SelectMany(l => l.Cells))
        {
            var match = StandaloneAmount().Match(ReceiptTextNormalizer.CollapseSpaces(cell.Text).Trim());
            if (match.Success && ParseAmount(match.Groups["n"].Value) is { } money && money > Money.Zero)
            {
                return money;
            }
        }

        return null;
    }

    /// <summary>The first date in the text: 25.11.2026, 25/11/2026, 2026-11-25 or «25 листопада 2026».</summary>
    internal static LocalDate? FindDate(string text)
    {
        var lower = text.ToLowerInvariant();
        var best = ((int Index, LocalDate Date)?)null;
        foreach (Match match in NumericDate().Matches(lower))
        {
            var date = match.Groups["y"].Success
                ? DateOf(match.Groups["y"].Value, match.Groups["m"].Value, match.Groups["d"].Value)
                : DateOf(match.Groups["y2"].Value, match.Groups["m2"].Value, match.Groups["d2"].Value);
            if (date is not null)
            {
                best = (match.Index, date.Value);
                break;
            }
        }

        foreach (Match match in WordDate().Matches(lower))
        {
            var month = Array.IndexOf(Months, match.Groups["month"].Value) + 1;
            var date = DateOf(match.Groups["y"].Value, month.ToString(CultureInfo.InvariantCulture), match.Groups["d"].Value);
            if (date is not null && (best is null || match.Index < best.Value.Index))
            {
                best = (match.Index, date.Value);
                break;
            }
        }

        return best?.Date;
    }

    private static LocalDate? DateOf(string year, string month, string day)
    {
        var y = int.Parse(year, CultureInfo.InvariantCulture);
        var m = int.Parse(month, CultureInfo.InvariantCulture);
        var d = int.Parse(day, CultureInfo.InvariantCulture);
        return y is >= 2000 and <= 2100 && m is >= 1 and <= 12 && d >= 1 && d <= CalendarSystem.Iso.GetDaysInMonth(y, m)
            ? new LocalDate(y, m, d)
            : null;
    }

    private static Label L(Field field, Party party, int priority, bool weak, string pattern) =>
        new(field, party, priority, weak, new Regex($@"^(?:{pattern})(?![\p{{L}}\p{{N}}])\s*[:：]?", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)));

    [GeneratedRegex(@"UA\d{2}[0-9A-Z]{25}", RegexOptions.CultureInvariant)]
    private static partial Regex IbanShape();

    [GeneratedRegex(@"(?<!\d)\d{8}(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex EightDigits();

    [GeneratedRegex(@"(?<![\d.,])(?<int>\d{1,3}(?:[ '’]\d{3})+|\d{1,3}(?:[.,]\d{3})+(?=[.,]\d{1,2}(?!\d))|\d{1,3}(?:,\d{3})+(?![.,]?\d)|\d+)(?:[.,](?<frac>\d{1,2}))?(?![\d.,]?\d)", RegexOptions.CultureInvariant)]
    private static partial Regex AmountShape();

    // An amount alone with its currency before or after it and a sign anywhere before: «₴373,20», «- ₴ 373,20»,
    // «−1 234,56 грн», «373.20 UAH», «+373,20 грн.».
    [GeneratedRegex(@"^[-−–+]?\s*(?:(?:₴|грн\.?|uah)\s*[-−–]?\s*(?<n>\d[\d '’.,]*\d|\d)|(?<n>\d[\d '’.,]*\d|\d)\s*(?:₴|грн\.?|uah))$",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex StandaloneAmount();

    [GeneratedRegex(@"(?<!\d)(?:(?<d>\d{1,2})[./](?<m>\d{1,2})[./](?<y>\d{4})|(?<y2>\d{4})-(?<m2>\d{2})-(?<d2>\d{2}))(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex NumericDate();

    [GeneratedRegex(@"(?<!\d)(?<d>\d{1,2})\s+(?<month>січня|лютого|березня|квітня|травня|червня|липня|серпня|вересня|жовтня|листопада|грудня)\s+(?<y>\d{4})(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex WordDate();
}
