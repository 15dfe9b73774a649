using System.Text.RegularExpressions;
using Vidnova.Kernel;
using Vidnova.Payments.Statements;
using Vidnova.Restoration.Receipts;

namespace Vidnova.Restoration.PaymentStatements;

/// <summary>What a statement line matched: the outcome, the application it quoted (if ours) and the number as quoted.</summary>
internal sealed record StatementMatch(StatementLineOutcome Outcome, RestorationApplication? Application, string? QuotedNumber);

/// <summary>
/// The rule that turns money on the DSO's account into a confirmed payment: the purpose quotes an application number
/// of THAT DSO (its account received the money), the application awaits payment, and at least the invoice was paid.
/// Free of I/O; the caller loads the applications the purposes quote.
/// </summary>
internal static partial class StatementMatching
{
    /// <summary>
    /// The application numbers (<c>VN-2026-000042</c>) a purpose quotes, as payers type them: any case, a Cyrillic
    /// «ВН» for «VN», spaces, dots or other dashes for the hyphens, or none.
    /// </summary>
    public static IReadOnlyList<string> QuotedNumbers(string purpose) =>
        [.. NumberPattern().Matches(purpose).Select(m => ApplicationNumberSequence.Format(int.Parse(m.Groups[1].Value), int.Parse(m.Groups[2].Value))).Distinct()];

    public static StatementMatch Match(StatementLine line, DsoCode dso, IReadOnlyCollection<RestorationApplication> quoted, ReceiptApprovalMode mode)
    {
        var numbers = QuotedNumbers(line.Purpose);
        if (numbers.Count == 0)
        {
            return new(StatementLineOutcome.NoApplicationNumber, null, null);
        }

        var ours = numbers.SelectMany(n => quoted.Where(a => a.Number == n)).ToList();
        if (ours.Count == 0)
        {
            return new(StatementLineOutcome.UnknownApplication, null, numbers[0]);
        }

        var ofThisDso = ours.Where(a => a.DsoCode == dso).ToList();
        if (ofThisDso.Count == 0)
        {
            return new(StatementLineOutcome.OtherDso, ours[0], ours[0].Number);
        }

        var application = ofThisDso.FirstOrDefault(a => ApplicationStateMachine.CanFire(a.Status, ApplicationTrigger.ConfirmPaymentByStatement));
        if (application is null)
        {
            return new(StatementLineOutcome.WrongState, ofThisDso[0], ofThisDso[0].Number);
        }

        if (line.Amount < application.Invoice!.Amount)
        {
            return new(StatementLineOutcome.Underpaid, application, application.Number);
        }

        return mode.StatementConfirms()
            ? new(StatementLineOutcome.Confirmed, application, application.Number)
            : new(StatementLineOutcome.ConfirmationOff, application, application.Number);
    }

    [GeneratedRegex(@"(?<![\p{L}\d])[VВ][NН][\s\-‐‑–—_/.№#]*(\d{4})[\s\-‐‑–—_/.]*(\d{6})(?!\d)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex NumberPattern();
}
