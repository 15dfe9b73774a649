using Microsoft.EntityFrameworkCore;
using NodaTime;
using Vidnova.Accounts;
using Vidnova.Kernel;
using Vidnova.Persistence;
using Vidnova.Problems;

namespace Vidnova.Payments.Registries;

/// <summary>
/// The queue of registry rows whose account number does not exist — mostly a typo at the bank's counter. Staff see
/// the accounts one edit away (a digit changed, missing, added or two swapped) whose holder's surname is the
/// payer's, and assign the payment to an account or return it to the partner. Each decision is audited
/// (<see cref="RegistryRowDecision"/>) and logged.
/// </summary>
internal sealed class UnmatchedPayments(VidnovaDbContext db, ImportRegistry import, IPersonalAccounts accounts, IClock clock, ILogger<UnmatchedPayments> logger)
{
    public const int MaxReasonLength = 500;

    public async Task<IReadOnlyList<PersonalAccountSummary>> SuggestionsAsync(string accountText, string payerName, CancellationToken cancellationToken)
    {
        var candidates = OneEditAway(accountText).Select(c => AccountNumber.TryParse(c, out var n) ? n : null).OfType<AccountNumber>().Distinct().ToList();
        if (candidates.Count == 0)
        {
            return [];
        }

        var surname = Surname(payerName);
        var found = await accounts.FindManyAsync(candidates, cancellationToken);
        return [.. found.Values.Where(a => surname.Length > 0 && a.HolderSurnameMatches(surname)).OrderBy(a => a.Number.Value, StringComparer.Ordinal)];
    }

    /// <summary>Every digit string one edit (substitution, deletion, insertion, adjacent transposition) from the number as written.</summary>
    public static IEnumerable<string> OneEditAway(string written)
    {
        var digits = new string([.. written.Where(char.IsAsciiDigit)]);
        if (digits.Length is 0 or > 20)
        {
            yield break;
        }

        if (digits != written.Trim())
        {
            // Spaces or letters typed into the number: the digits alone are the nearest guess.
            yield return digits;
        }

        for (var i = 0; i <= digits.Length; i++)
        {
            for (var d = '0'; d <= '9'; d++)
            {
                yield return digits[..i] + d + digits[i..];
                if (i < digits.Length && digits[i] != d)
                {
                    yield return digits[..i] + d + digits[(i + 1)..];
                }
            }

            if (i < digits.Length)
            {
                yield return digits[..i] + digits[(i + 1)..];
            }

            if (i + 1 < digits.Length && digits[i] != digits[i + 1])
            {
                yield return digits[..i] + digits[i + 1] + digits[i] + digits[(i + 2)..];
            }
        }
    }

    /// <summary>The payer's surname as registries print it: the first word of «ШЕВЧЕНКО ТАРАС Г.» or «Шевченко Т.Г.».</summary>
    public static string Surname(string payerName) =>
        payerName.Split([' ', ',', '.'], StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";

    public async Task<PaymentRegistryRow> AssignAsync(Guid rowId, string? accountText, string actor, CancellationToken cancellationToken)
    {
        if (!AccountNumber.TryParse(accountText?.Trim(), out var account))
        {
            throw new InputValidationException([new FieldError("accountNumber", "Номер особового рахунку — від 6 до 16 цифр.")]);
        }

        var waiting = await WaitingAsync(rowId, cancellationToken);
        if (!await accounts.ExistsAsync(account.Value, cancellationToken))
        {
            throw new BusinessRuleException("account_not_found", "Особовий рахунок {0} не знайдено.", account.Value.Value) { Category = RefusalCategory.InvalidInput };
        }

        var paymentId = await import.BookAsync(waiting.PartnerCode, waiting.PaymentReference, account.Value, waiting.Amount, waiting.PaidOn, cancellationToken);
        var row = await db.Set<PaymentRegistryRow>().SingleAsync(r => r.Id == rowId, cancellationToken);
        db.Add(row.Assign(account.Value, paymentId, actor, clock.GetCurrentInstant()));
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Unmatched payment {Row} of registry {RegistryNumber} ({Partner}) assigned to {Account} by {Actor}",
            row.Row, row.RegistryNumber, row.PartnerCode, account.Value, actor);

        if (await import.FileReadingsAsync(account.Value, row.PaidOn, row.ParsedReadings(), row.PartnerCode, cancellationToken) is { } outcome)
        {
            var saved = await db.Set<PaymentRegistryRow>().SingleAsync(r => r.Id == rowId, cancellationToken);
            saved.ReadingsFiled(outcome);
            await db.SaveChangesAsync(cancellationToken);
            return saved;
        }

        return row;
    }

    public async Task<PaymentRegistryRow> ReturnAsync(Guid rowId, string? reason, string actor, CancellationToken cancellationToken)
    {
        var text = reason?.Trim() ?? "";
        if (text.Length is 0 or > MaxReasonLength || TextLimits.HasForbiddenCharacters(text, multiLine: false))
        {
            throw new InputValidationException([new FieldError("reason", "Вкажіть, чому платіж повертається партнерові (до 500 символів), наприклад «рахунку не існує, платника не знайдено».")]);
        }

        await WaitingAsync(rowId, cancellationToken);
        var row = await db.Set<PaymentRegistryRow>().SingleAsync(r => r.Id == rowId, cancellationToken);
        db.Add(row.Return(text, actor, clock.GetCurrentInstant()));
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Unmatched payment {Row} of registry {RegistryNumber} ({Partner}) returned by {Actor}: {Reason}",
            row.Row, row.RegistryNumber, row.PartnerCode, actor, text);
        return row;
    }

    private async Task<PaymentRegistryRow> WaitingAsync(Guid rowId, CancellationToken cancellationToken)
    {
        var row = await db.Set<PaymentRegistryRow>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == rowId, cancellationToken)
            ?? throw new NotFoundException("unmatched_payment_not_found", "Такого платежу з реєстру немає. Оновіть сторінку черги.");
        if (row.Status != RegistryRowStatus.Unmatched)
        {
            throw new BusinessRuleException("unmatched_payment_already_decided",
                "Платіж {0} з реєстру {1} уже не чекає рішення: його опрацював {2}. Оновіть сторінку.", row.Row, row.RegistryNumber, row.DecidedBy ?? "");
        }

        return row;
    }
}
