using Microsoft.Extensions.Options;
using NodaTime;
using Vidnova.Accounts;
using Vidnova.Kernel;
using Vidnova.Ledger;
using Vidnova.Persistence;
using Vidnova.Problems;

namespace Vidnova.Payments;

internal sealed record PostPaymentCommand([Text(32)] string? AccountNumber, decimal? Amount, Instant? PaidAt, [Text(40)] string? Channel, [Text(100)] string? Reference);

internal sealed record PostPaymentResult(BookedPayment Payment, Money DebtAfter, bool Created);

/// <summary>
/// Books a payment reported by a channel (bank, checkout, post office). A channel may report the same payment
/// again; (channel, reference) identifies it, so the repeat changes nothing and returns the original.
/// </summary>
internal sealed class PostPayment(VidnovaDbContext db, ILedger ledger, IPersonalAccounts accounts, IClock clock, IOptions<PaymentLimits> limits)
{
    /// <summary>
    /// Runs again on fresh rows when it loses a race: the same payment reported twice at once (the unique
    /// (channel, reference) index kept one, and the repeat finds it) or another entry on the same account (the
    /// balance's version moved, and the payment is booked on the new balance).
    /// </summary>
    public async Task<PostPaymentResult> HandleAsync(PostPaymentCommand command, CancellationToken cancellationToken)
    {
        var (accountNumber, amount, channel, reference) = Validate(command);
        return await db.RetryOnLostRaceAsync(async () =>
        {
            var existing = await ledger.FindPaymentAsync(channel, reference, cancellationToken);
            if (existing is not null)
            {
                return await SameAsBeforeAsync(existing, accountNumber, amount, cancellationToken);
            }

            if (!await accounts.ExistsAsync(accountNumber, cancellationToken))
            {
                throw new BusinessRuleException("account_not_found", "Особовий рахунок {0} не знайдено.", accountNumber.Value)
                { Category = RefusalCategory.InvalidInput };
            }

            var posting = await ledger.RecordPaymentAsync(accountNumber, amount, command.PaidAt!.Value, channel, reference, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return new PostPaymentResult(posting.Payment, posting.BalanceAfter.Debt, Created: true);
        });
    }

    private async Task<PostPaymentResult> SameAsBeforeAsync(BookedPayment existing, AccountNumber accountNumber, Money amount, CancellationToken cancellationToken)
    {
        if (existing.AccountNumber != accountNumber || existing.Amount != amount)
        {
            throw new BusinessRuleException("payment_reference_reused",
                "Платіж з таким каналом і референсом уже зараховано, але з іншим рахунком чи сумою. Перевірте референс платежу.");
        }

        var balance = await ledger.BalanceOfAsync(accountNumber, cancellationToken);
        return new PostPaymentResult(existing, balance.Debt, Created: false);
    }

    private (AccountNumber, Money, string, string) Validate(PostPaymentCommand command)
    {
        var errors = new InputErrors();
        if (!AccountNumber.TryParse(command.AccountNumber, out var accountNumber))
        {
            errors.Add("accountNumber", "Номер особового рахунку — від 6 до 16 цифр.");
        }

        var bounds = limits.Value;
        if (!bounds.TryPositiveAmount(command.Amount, out var amount))
        {
            errors.Add("amount", "Сума платежу — додатна сума в гривнях з не більше ніж двома знаками після коми, до {0}.",
                Money.Uah(decimal.Round(bounds.MaxAmount, 2)));
        }

        if (command.PaidAt is not { } paidAt)
        {
            errors.Add("paidAt", "Вкажіть момент оплати (paidAt) у форматі ISO 8601, наприклад 2026-11-25T09:30:00Z.");
        }
        else if (paidAt > clock.GetCurrentInstant() + bounds.ClockSkew)
        {
            errors.Add("paidAt", "Момент оплати (paidAt) не може бути в майбутньому.");
        }
        else if (paidAt < bounds.Earliest)
        {
            errors.Add("paidAt", "Момент оплати (paidAt) не може бути раніше за {0:yyyy-MM-dd}.", bounds.EarliestPaidAt);
        }

        if (string.IsNullOrWhiteSpace(command.Channel) || command.Channel.Trim().Length > 40)
        {
            errors.Add("channel", "Вкажіть канал оплати (до 40 символів), наприклад bank, checkout, ukrposhta.");
        }

        if (string.IsNullOrWhiteSpace(command.Reference) || command.Reference.Trim().Length > 100)
        {
            errors.Add("reference", "Вкажіть референс платежу в каналі (до 100 символів) — за ним повтор не зарахується двічі.");
        }

        errors.ThrowIfAny();
        return (accountNumber!.Value, amount, command.Channel!.Trim(), command.Reference!.Trim());
    }
}
