using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Vidnova.Accounts;
using Vidnova.Hosting;
using Vidnova.Kernel;
using Vidnova.Persistence;
using Vidnova.Problems;

namespace Vidnova.Customers.Links;

public sealed record LinkAccountCommand([Text(32)] string? AccountNumber, [Text(200)] string? HolderSurname, LinkAccountProof? Proof);

/// <param name="Eic">The EIC of the account's metering point, printed on every bill.</param>
public sealed record LinkAccountProof([Text(32)] string? Eic);

/// <param name="Created">False when the login had already linked the account: nothing changed.</param>
public sealed record LinkAccountResult(AccountNumber AccountNumber, bool Created);

/// <summary>
/// Links a personal account to a customer login once the login proves it knows the holder's details: the account
/// number, the holder's surname and the EIC of the metering point — all on the bill, which is what a holder has and
/// a stranger who only heard the number does not. A wrong proof never says which part was wrong, and wrong proofs
/// are limited per login and per account.
/// </summary>
public sealed class LinkAccount(VidnovaDbContext db, IPersonalAccounts accounts, IClock clock, IOptions<RateLimitOptions> limits)
{
    private static readonly Duration Window = Duration.FromHours(1);

    public async Task<LinkAccountResult> HandleAsync(Guid loginId, LinkAccountCommand command, CancellationToken cancellationToken)
    {
        var (number, surname, eic) = Validate(command);
        if (await IsLinkedAsync(loginId, number, cancellationToken))
        {
            return new LinkAccountResult(number, Created: false);
        }

        var now = clock.GetCurrentInstant();
        await EnsureWithinLimitsAsync(loginId, number, now, cancellationToken);

        var account = await accounts.FindAsync(number, cancellationToken);
        if (!AccountLinkProofs.Prove(account, surname, eic))
        {
            db.Add(AccountLinkFailure.Record(loginId, number, now));
            await db.SaveChangesAsync(cancellationToken);
            throw new BusinessRuleException("account_link_not_proven",
                "Не вдалося підтвердити особовий рахунок. Перевірте номер особового рахунку, прізвище власника та EIC-код точки обліку — їх видно в рахунку за електроенергію.")
            { Category = RefusalCategory.InvalidInput };
        }

        // The first login to link an account is its holder's; a family member who links it later sees only it.
        var isHolder = !await db.Set<AccountLink>().AnyAsync(l => l.AccountNumber == number, cancellationToken);
        var link = AccountLink.Create(loginId, number, isHolder, now);
        db.Add(link);
        db.Add(AccountLinkEvent.Linked(link, LinkActor.Customer(loginId)));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same request twice at once (a double tap): the unique index let one through, and it is this login's.
            db.ChangeTracker.Clear();
            if (!await IsLinkedAsync(loginId, number, cancellationToken))
            {
                throw;
            }

            return new LinkAccountResult(number, Created: false);
        }

        return new LinkAccountResult(number, Created: true);
    }

    private Task<bool> IsLinkedAsync(Guid loginId, AccountNumber number, CancellationToken cancellationToken) =>
        db.Set<AccountLink>().AnyAsync(l => l.LoginId == loginId && l.AccountNumber == number, cancellationToken);

    /// <summary>Refuses once the login, or the account, has had too many wrong proofs in the last hour; the right one too.</summary>
    private async Task EnsureWithinLimitsAsync(Guid loginId, AccountNumber number, Instant now, CancellationToken cancellationToken)
    {
        var since = now - Window;
        var options = limits.Value.AccountLinks;
        var byLogin = await db.Set<AccountLinkFailure>().Where(f => f.LoginId == loginId && f.At > since)
            .Select(f => f.At).OrderBy(at => at).ToListAsync(cancellationToken);
        var byAccount = await db.Set<AccountLinkFailure>().Where(f => f.AccountNumber == number && f.At > since)
            .Select(f => f.At).OrderBy(at => at).ToListAsync(cancellationToken);
        var retryAfter = Duration.Max(RetryAfter(byLogin, options.PerLoginPerHour, now), RetryAfter(byAccount, options.PerAccountPerHour, now));
        if (retryAfter > Duration.Zero)
        {
            // One sentence for both limits: which one was reached would tell a guesser whether others try the same account.
            throw new TooManyRequestsException("Забагато невдалих спроб додати особовий рахунок. Спробуйте знову {0}.", retryAfter);
        }
    }

    /// <summary>Zero while under the limit; otherwise how long until enough of the failures leave the window.</summary>
    private static Duration RetryAfter(List<Instant> failures, int limit, Instant now)
    {
        limit = Math.Max(1, limit);
        return failures.Count < limit ? Duration.Zero : failures[failures.Count - limit] + Window - now;
    }

    private static (AccountNumber Number, string Surname, string Eic) Validate(LinkAccountCommand command)
    {
        var errors = new InputErrors();
        if (!AccountNumber.TryParse(command.AccountNumber, out var number))
        {
            errors.Add("accountNumber", "Вкажіть номер особового рахунку — від 6 до 16 цифр, як у рахунку за електроенергію.");
        }

        if (string.IsNullOrWhiteSpace(command.HolderSurname))
        {
            errors.Add("holderSurname", "Вкажіть прізвище власника особового рахунку.");
        }

        if (string.IsNullOrWhiteSpace(command.Proof?.Eic))
        {
            errors.Add("proof.eic", "Вкажіть EIC-код точки обліку — 16 символів, що починаються з 62Z, з рахунку за електроенергію.");
        }

        errors.ThrowIfAny();
        return (number!.Value, command.HolderSurname!, command.Proof!.Eic!);
    }
}

/// <summary>What proves that whoever links an account holds it.</summary>
internal static class AccountLinkProofs
{
    /// <summary>
    /// The holder's surname (compared as the restoration application compares it) and the metering point's EIC
    /// (ignoring case and the spaces people type between its groups). An unknown account proves nothing, like a
    /// wrong surname, so the answer never tells whether the number exists.
    /// </summary>
    public static bool Prove(PersonalAccountSummary? account, string surname, string eic) =>
        account is not null
        && account.HolderSurnameMatches(surname)
        && string.Equals(new string(eic.Where(c => !char.IsWhiteSpace(c)).ToArray()), account.Eic.Value, StringComparison.OrdinalIgnoreCase);
}

/// <summary>How link changes name who made them (<see cref="AccountLinkEvent.Actor"/>).</summary>
internal static class LinkActor
{
    public static string Customer(Guid loginId) => $"customer:{loginId}";
}
