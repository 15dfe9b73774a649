using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;
using Vidnova.Accounts;
using Vidnova.Kernel;
using Vidnova.Persistence;
using Vidnova.Problems;

namespace Vidnova.Billing;

public sealed record SetTariffOptionsCommand(bool? ElectricHeating, [Text(10)] string? From);

/// <summary>Records from which date an account's home is (or no longer is) approved as electrically heated.</summary>
public sealed class SetTariffOptions(VidnovaDbContext db, IPersonalAccounts accounts, IClock clock)
{
    public async Task<IReadOnlyList<ElectricHeatingOption>> HandleAsync(string? accountNumberText, SetTariffOptionsCommand command, string caller,
        CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        if (!AccountNumber.TryParse(accountNumberText, out var number))
        {
            errors.Add("accountNumber", "Номер особового рахунку — від 6 до 16 цифр.");
        }

        if (command.ElectricHeating is null)
        {
            errors.Add("electricHeating", "Вкажіть electricHeating: true (електроопалення затверджено) або false.");
        }

        var from = LocalDatePattern.Iso.Parse(command.From ?? "");
        if (!from.Success || from.Value.Year is < 2000 or > 2999)
        {
            errors.Add("from", "Дата, з якої діє опція, — у форматі РРРР-ММ-ДД, наприклад 2026-10-01.");
        }

        errors.ThrowIfAny();
        var account = number!.Value;
        if (!await accounts.ExistsAsync(account, cancellationToken))
        {
            throw new NotFoundException("account_not_found", "Особовий рахунок {0} не знайдено.", account.Value);
        }

        var date = from.Value;
        var option = await db.Set<ElectricHeatingOption>().SingleOrDefaultAsync(o => o.AccountNumber == account && o.From == date, cancellationToken);
        if (option is null)
        {
            db.Add(ElectricHeatingOption.Set(account, date, command.ElectricHeating!.Value, clock.GetCurrentInstant(), caller));
        }
        else if (option.ElectricHeating != command.ElectricHeating)
        {
            option.Change(command.ElectricHeating!.Value, clock.GetCurrentInstant(), caller);
        }

        await db.SaveChangesAsync(cancellationToken);
        return await db.Set<ElectricHeatingOption>().AsNoTracking().Where(o => o.AccountNumber == account)
            .OrderBy(o => o.From).ToListAsync(cancellationToken);
    }
}
