using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Vidnova.Dso;
using Vidnova.Kernel;
using Vidnova.Ledger;
using Vidnova.Persistence;
using Vidnova.Problems;

namespace Vidnova.Accounts;

internal sealed record UpsertAccountCommand(
    [Text(200)] string? HolderName,
    [Text(400)] string? Address,
    [Text(16)] string? Eic,
    [Text(16)] string? Settlement,
    [Text(32)] string? DsoCode,
    [Text(32)] string? SupplyStatus,
    decimal? Debt,
    [Text(16)] string? Kind = null,
    [Text(254)] string? ContactEmail = null);

/// <summary>
/// Creates or updates a personal account from billing (or an administrator). <c>debt</c> is the opening balance
/// import (refused once the account has other ledger entries); <c>supplyStatus</c>, when sent, is an audited correction.
/// </summary>
internal sealed class UpsertAccount(VidnovaDbContext db, IDsoDirectory dsos, ILedger ledger, IClock clock, IOptions<PaymentLimits> limits)
{
    public async Task<(PersonalAccount Account, LedgerBalance Balance, bool Created)> HandleAsync(
        string? accountNumberText, UpsertAccountCommand command, string caller, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        if (!AccountNumber.TryParse(accountNumberText, out var number))
        {
            errors.Add("accountNumber", "Номер особового рахунку — від 6 до 16 цифр.");
        }

        if (string.IsNullOrWhiteSpace(command.HolderName))
        {
            errors.Add("holderName", "Вкажіть ПІБ власника рахунку, прізвище першим.");
        }

        if (string.IsNullOrWhiteSpace(command.Address))
        {
            errors.Add("address", "Вкажіть адресу точки обліку.");
        }

        if (!Eic.TryParse(command.Eic, out var eic))
        {
            errors.Add("eic", "EIC має 16 символів (0-9, A-Z, -) з контрольним символом наприкінці, наприклад 62Z…");
        }

        var settlement = command.Settlement switch
        {
            "city" => Accounts.Settlement.City,
            "rural" => Accounts.Settlement.Rural,
            _ => (Settlement?)null,
        };
        if (settlement is null)
        {
            errors.Add("settlement", "Тип місцевості: city (місто) або rural (сільська місцевість).");
        }

        var supplyStatus = SupplyStatusNames.Parse(command.SupplyStatus);
        if (command.SupplyStatus is not null && supplyStatus is null)
        {
            errors.Add("supplyStatus", "Стан постачання: connected, disconnection_ordered, disconnected_for_debt або restoration_ordered.");
        }

        var kind = command.Kind switch
        {
            null => (CustomerKind?)null,
            "household" => CustomerKind.Household,
            "non_household" => CustomerKind.NonHousehold,
            _ => null,
        };
        if (command.Kind is not null && kind is null)
        {
            errors.Add("kind", "Тип споживача: household (побутовий) або non_household (непобутовий).");
        }

        string? contactEmail = null;
        if (!string.IsNullOrWhiteSpace(command.ContactEmail) && !ContactDetails.TryNormaliseEmail(command.ContactEmail, out contactEmail))
        {
            errors.Add("contactEmail", "Вкажіть коректну адресу email, наприклад ivan@example.com — на неї надсилатимуть попередження, якщо клієнт не зареєстрований у кабінеті.");
        }

        if (!DsoCode.TryParse(command.DsoCode, out var dsoCode))
        {
            errors.Add("dsoCode", "Вкажіть код ОСР (латинські літери, цифри, дефіс).");
        }
        else if (!await dsos.IsRegisteredAsync(dsoCode.Value, cancellationToken))
        {
            errors.Add("dsoCode", "ОСР з кодом {0} не зареєстровано. Спершу додайте його: PUT /api/v1/dsos/{0}.", dsoCode.Value.Value);
        }

        Money? debt = null;
        if (command.Debt is { } amount)
        {
            if (amount < 0 || amount > limits.Value.MaxAmount || !Money.TryParse(amount, out var parsed))
            {
                errors.Add("debt", "Борг — невід'ємна сума в гривнях з не більше ніж двома знаками після коми, до {0}.",
                    Money.Uah(decimal.Round(limits.Value.MaxAmount, 2)));
            }
            else
            {
                debt = parsed;
            }
        }

        errors.ThrowIfAny();

        // Two writers of one account (or of its balance, e.g. a payment arriving) each save on what they read; the one
        // that saves second runs again on the winner's rows.
        return await db.RetryOnLostRaceAsync(() => SaveAsync(number!.Value, command, eic!.Value, settlement!.Value, dsoCode!.Value, kind, supplyStatus, debt, contactEmail, caller, cancellationToken));
    }

    private async Task<(PersonalAccount Account, LedgerBalance Balance, bool Created)> SaveAsync(AccountNumber number, UpsertAccountCommand command, Eic eic,
        Settlement settlement, DsoCode dsoCode, CustomerKind? kind, SupplyStatus? supplyStatus, Money? debt, string? contactEmail, string caller,
        CancellationToken cancellationToken)
    {
        var account = await db.Set<PersonalAccount>().SingleOrDefaultAsync(a => a.Number == number, cancellationToken);
        var created = account is null;
        if (account is null)
        {
            account = PersonalAccount.Open(number, command.HolderName!, command.Address!, eic, settlement, dsoCode);
            db.Add(account);
        }
        else
        {
            account.UpdateDetails(command.HolderName!, command.Address!, eic, settlement, dsoCode);
        }

        // Omitted: a new account is a household, an existing one keeps its kind.
        if (kind is { } newKind && account.Kind != newKind)
        {
            account.SetKind(newKind);
        }

        // Omitted (or empty): an existing account keeps its contact email; send the field to change it.
        if (contactEmail is not null && account.ContactEmail != contactEmail)
        {
            account.SetContactEmail(contactEmail);
        }

        // Sent: a staff correction, audited. Omitted: the state stays as the DSO's events left it (a new account is connected).
        var now = clock.GetCurrentInstant();
        if (supplyStatus is { } status && account.CorrectSupplyStatus(status, caller, now) is { } correction)
        {
            db.Add(correction);
        }

        var balance = debt is { } openingDebt
            ? await ledger.SetOpeningBalanceAsync(number, openingDebt, now, cancellationToken)
            : await ledger.BalanceOfAsync(number, cancellationToken);

        await db.SaveChangesAsync(cancellationToken);
        return (account, balance, created);
    }
}
