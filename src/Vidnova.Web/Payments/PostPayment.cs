using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Vidnova.Accounts;
using Vidnova.Kernel;
using Vidnova.Ledger;
using Vidnova.Persistence;
using Vidnova.Problems;

namespace Vidnova.Payments;

public sealed record PostPaymentCommand([Text(32)] string? AccountNumber, decimal? Amount, Instant? PaidAt, [Text(40)] string? Channel, [Text(100)] string? Reference);

public sealed record PostPaymentResult(LedgerEntry Payment, CustomerAccount Account, bool Created);

/// <summary>
/// Books a payment reported by a channel (bank, checkout, post office). A channel may report the same payment
/// again; (channel, reference) identifies it, so the repeat changes nothing and returns the original.
/// </summary>
public sealed class PostPayment(VidnovaDbContext db, IClock clock, IOptions<PaymentLimits> limits)
{
    public async Task<PostPaymentResult> HandleAsync(PostPaymentCommand command, CancellationToken cancellationToken)
    {
        var (accountNumber, amount, channel, reference) = Validate(command);

        var existing = await db.Set<LedgerEntry>()
            .SingleOrDefaultAsync(e => e.Channel == channel && e.Reference == reference, cancellationToken);
        if (existing is not null)
        {
            return await SameAsBeforeAsync(existing, accountNumber, amount, cancellationToken);
        }

        var account = await db.Set<CustomerAccount>().SingleOrDefaultAsync(a => a.Number == accountNumber, cancellationToken)
            ?? throw new BusinessRuleException("account_not_found", "Особовий рахунок {0} не знайдено.", accountNumber.Value)
            { Category = RefusalCategory.InvalidInput };

        var payment = account.RecordPayment(amount, command.PaidAt!.Value, channel, reference);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same payment arrived twice at once; the unique (channel, reference) index kept one.
            db.ChangeTracker.Clear();
            var winner = await db.Set<LedgerEntry>().SingleOrDefaultAsync(e => e.Channel == channel && e.Reference == reference, cancellationToken);
            if (winner is null)
            {
                throw;
            }

            return await SameAsBeforeAsync(winner, accountNumber, amount, cancellationToken);
        }

        return new PostPaymentResult(payment, account, Created: true);
    }

    private async Task<PostPaymentResult> SameAsBeforeAsync(LedgerEntry existing, AccountNumber accountNumber, Money amount, CancellationToken cancellationToken)
    {
        if (existing.AccountNumber != accountNumber || existing.Amount != -amount)
        {
            throw new BusinessRuleException("payment_reference_reused",
                "Платіж з таким каналом і референсом уже зараховано, але з іншим рахунком чи сумою. Перевірте референс платежу.");
        }

        var account = await db.Set<CustomerAccount>().SingleAsync(a => a.Number == accountNumber, cancellationToken);
        return new PostPaymentResult(existing, account, Created: false);
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
