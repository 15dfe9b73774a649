using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Vidnova.Dso;
using Vidnova.Kernel;
using Vidnova.Payments;
using Vidnova.Persistence;
using Vidnova.Problems;

namespace Vidnova.Accounts;

public sealed record UpsertAccountCommand(
    [Text(200)] string? HolderName,
    [Text(400)] string? Address,
    [Text(16)] string? Eic,
    [Text(16)] string? Settlement,
    [Text(32)] string? DsoCode,
    [Text(32)] string? SupplyStatus,
    decimal? Debt,
    [Text(16)] string? Kind = null);

/// <summary>Creates or updates a personal account from billing (or an administrator), setting its debt through the ledger.</summary>
public sealed class UpsertAccount(VidnovaDbContext db, IClock clock, IOptions<PaymentLimits> limits)
{
    public async Task<(CustomerAccount Account, bool Created)> HandleAsync(string? accountNumberText, UpsertAccountCommand command, CancellationToken cancellationToken)
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

        var supplyStatus = command.SupplyStatus switch
        {
            null or "connected" => Accounts.SupplyStatus.Connected,
            "disconnected_for_debt" => Accounts.SupplyStatus.DisconnectedForDebt,
            _ => (SupplyStatus?)null,
        };
        if (supplyStatus is null)
        {
            errors.Add("supplyStatus", "Стан постачання: connected або disconnected_for_debt.");
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

        if (!DsoCode.TryParse(command.DsoCode, out var dsoCode))
        {
            errors.Add("dsoCode", "Вкажіть код ОСР (латинські літери, цифри, дефіс).");
        }
        else if (!await db.Set<DistributionOperator>().AnyAsync(d => d.Code == dsoCode.Value, cancellationToken))
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

        var account = await db.Set<CustomerAccount>().SingleOrDefaultAsync(a => a.Number == number!.Value, cancellationToken);
        var created = account is null;
        if (account is null)
        {
            account = CustomerAccount.Open(number!.Value, command.HolderName!, command.Address!, eic!.Value, settlement!.Value, dsoCode!.Value);
            db.Add(account);
        }
        else
        {
            account.UpdateDetails(command.HolderName!, command.Address!, eic!.Value, settlement!.Value, dsoCode!.Value);
        }

        // Omitted: a new account is a household, an existing one keeps its kind.
        if (kind is { } newKind && account.Kind != newKind)
        {
            account.SetKind(newKind);
        }

        if (account.SupplyStatus != supplyStatus!.Value)
        {
            account.SetSupplyStatus(supplyStatus.Value);
        }

        if (debt is { } newDebt)
        {
            account.AdjustDebtTo(newDebt, clock.GetCurrentInstant(), "Коригування боргу з білінгу");
        }

        await db.SaveChangesAsync(cancellationToken);
        return (account, created);
    }
}
