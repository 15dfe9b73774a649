using Microsoft.EntityFrameworkCore;
using Vidnova.Kernel;
using Vidnova.Ledger;
using Vidnova.Persistence;
using Vidnova.Problems;

namespace Vidnova.Accounts;

/// <summary>An account as integrations and support see it: its details, what it owes and its supply state.</summary>
internal sealed class GetAccount(VidnovaDbContext db, ILedger ledger)
{
    public async Task<(PersonalAccount Account, LedgerBalance Balance)> HandleAsync(string? accountNumberText, CancellationToken cancellationToken)
    {
        if (!AccountNumber.TryParse(accountNumberText, out var number))
        {
            var errors = new InputErrors();
            errors.Add("accountNumber", "Номер особового рахунку — від 6 до 16 цифр.");
            errors.ThrowIfAny();
        }

        var accountNumber = number!.Value;
        var account = await db.Set<PersonalAccount>().AsNoTracking().SingleOrDefaultAsync(a => a.Number == accountNumber, cancellationToken)
            ?? throw new NotFoundException("account_not_found", "Особовий рахунок {0} не знайдено.", accountNumber.Value);
        return (account, await ledger.BalanceOfAsync(accountNumber, cancellationToken));
    }
}
