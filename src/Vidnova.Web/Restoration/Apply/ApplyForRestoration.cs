using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Vidnova.Accounts;
using Vidnova.Hosting;
using Vidnova.Kernel;
using Vidnova.Ledger;
using Vidnova.Notifications;
using Vidnova.Persistence;
using Vidnova.Problems;
using Vidnova.Restoration.Notifications;

namespace Vidnova.Restoration.Apply;

internal sealed record ApplyCommand(
    [Text(32)] string? AccountNumber,
    [Text(200)] string? HolderSurname,
    [Text(254)] string? Email,
    [Text(254)] string? EmailConfirmation,
    [Text(32)] string? Phone);

/// <param name="AccessToken">Given only to whoever created the application; a repeated submission gets none.</param>
internal sealed record ApplyResult(RestorationApplication Application, string? AccessToken, bool Created);

/// <summary>Files a restoration application for an account disconnected for debt (article's condition 2).</summary>
internal sealed class ApplyForRestoration(
    VidnovaDbContext db,
    IPersonalAccounts accounts,
    IClock clock,
    IRestorationDebtPolicy debtPolicy,
    ILedger ledger,
    RestorationEmails emails,
    INotificationOutbox notifications,
    OutboxSignal outbox,
    IOptions<RateLimitOptions> limits)
{
    private static readonly Duration AccountWindow = Duration.FromDays(1);

    public async Task<ApplyResult> HandleAsync(ApplyCommand command, CancellationToken cancellationToken)
    {
        var (accountNumber, email, phone) = Validate(command);

        var account = await accounts.FindAsync(accountNumber, cancellationToken)
            ?? throw new BusinessRuleException("account_not_found",
                "Особовий рахунок {0} не знайдено. Перевірте номер у рахунку за електроенергію або в особистому кабінеті.", accountNumber.Value)
            { Category = RefusalCategory.InvalidInput };

        if (!account.HolderSurnameMatches(command.HolderSurname!))
        {
            throw new BusinessRuleException("holder_surname_mismatch",
                "Прізвище не збігається з прізвищем власника особового рахунку. Вкажіть прізвище так, як у договорі чи рахунку.")
            { Category = RefusalCategory.InvalidInput };
        }

        var open = await FindOpenAsync(accountNumber, cancellationToken);
        if (open is not null)
        {
            return await RepeatAsync(open, cancellationToken);
        }

        RestorationEligibility.EnsureEligible(account, await ledger.BalanceOfAsync(accountNumber, cancellationToken), debtPolicy);

        var now = clock.GetCurrentInstant();
        await EnsureAccountLimitAsync(accountNumber, now, cancellationToken);
        var id = Guid.NewGuid();
        var accessToken = SecretTokens.NewAccessToken();
        var code = SecretTokens.NewConfirmationCode();
        var number = await NextNumberAsync(now, cancellationToken);
        var application = RestorationApplication.Submit(id, number, account, email, phone,
            SecretTokens.Hash(accessToken), SecretTokens.HashConfirmationCode(id, code), SecretTokens.NewReplyToken(), now);
        db.Add(application);
        notifications.Enqueue(emails.ConfirmationCode(application, accessToken, code, now));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two submissions raced; the unique index on open applications let one through. The other sees it.
            db.ChangeTracker.Clear();
            var winner = await FindOpenAsync(accountNumber, cancellationToken);
            if (winner is null)
            {
                throw;
            }

            return await RepeatAsync(winner, cancellationToken);
        }

        outbox.Notify();
        return new ApplyResult(application, accessToken, Created: true);
    }

    /// <summary>
    /// Apply → cancel → apply sends a confirmation email each time, to whatever address was typed: a few a day per
    /// account is all a household needs. Counted in the database, so the limit holds across instances.
    /// </summary>
    private async Task EnsureAccountLimitAsync(AccountNumber accountNumber, Instant now, CancellationToken cancellationToken)
    {
        var since = now - AccountWindow;
        var recent = await db.Set<RestorationApplication>()
            .Where(a => a.AccountNumber == accountNumber && a.SubmittedAt > since)
            .Select(a => a.SubmittedAt)
            .OrderBy(at => at)
            .ToListAsync(cancellationToken);
        var limit = Math.Max(1, limits.Value.Applications.PerAccountPerDay);
        if (recent.Count >= limit)
        {
            // Room again once enough of those leave the window.
            throw new TooManyRequestsException(
                "Забагато заяв за цим особовим рахунком за добу. Спробуйте знову {0}.", recent[recent.Count - limit] + AccountWindow - now);
        }
    }

    /// <summary>Reminds the original address of the open application, at most once an hour however often it is repeated.</summary>
    private async Task<ApplyResult> RepeatAsync(RestorationApplication open, CancellationToken cancellationToken)
    {
        var reminder = emails.RepeatedSubmission(open, clock.GetCurrentInstant());
        if (!await notifications.IsQueuedAsync(reminder.DeduplicationKey, cancellationToken))
        {
            notifications.Enqueue(reminder);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                outbox.Notify();
            }
            catch (DbUpdateException)
            {
                // A simultaneous repeat queued the same reminder.
                db.ChangeTracker.Clear();
            }
        }

        return new ApplyResult(open, AccessToken: null, Created: false);
    }

    private Task<RestorationApplication?> FindOpenAsync(AccountNumber accountNumber, CancellationToken cancellationToken) =>
        db.Set<RestorationApplication>()
            .Where(a => a.AccountNumber == accountNumber)
            .Where(a => a.Status != ApplicationStatus.Restored && a.Status != ApplicationStatus.RejectedByDso && a.Status != ApplicationStatus.Cancelled)
            .SingleOrDefaultAsync(cancellationToken);

    /// <summary>
    /// Takes the next number of the year with one atomic statement, so simultaneous submissions for different
    /// accounts never collide (a failed submission leaves a gap, which is harmless).
    /// </summary>
    private async Task<string> NextNumberAsync(Instant now, CancellationToken cancellationToken)
    {
        var year = now.InZone(Calendar.KyivTime.Zone).Year;
        await db.Database.ExecuteSqlAsync(
            $"""INSERT INTO application_number_sequences ("Year", "LastValue") VALUES ({year}, 0) ON CONFLICT ("Year") DO NOTHING""",
            cancellationToken);
        var taken = await db.Database.SqlQuery<int>(
                $"""UPDATE application_number_sequences SET "LastValue" = "LastValue" + 1 WHERE "Year" = {year} RETURNING "LastValue" AS "Value" """)
            .ToListAsync(cancellationToken);
        return ApplicationNumberSequence.Format(year, taken.Single());
    }

    private static (AccountNumber Account, string Email, string Phone) Validate(ApplyCommand command)
    {
        var errors = new InputErrors();
        if (!AccountNumber.TryParse(command.AccountNumber, out var accountNumber))
        {
            errors.Add("accountNumber", "Вкажіть номер особового рахунку — від 6 до 16 цифр, як у рахунку за електроенергію.");
        }

        if (string.IsNullOrWhiteSpace(command.HolderSurname))
        {
            errors.Add("holderSurname", "Вкажіть прізвище власника особового рахунку.");
        }

        if (!ContactDetails.TryNormaliseEmail(command.Email, out var email))
        {
            errors.Add("email", "Вкажіть коректну адресу email, наприклад ivan@example.com — на неї прийде рахунок.");
        }
        else if (!string.Equals(email, command.EmailConfirmation?.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            errors.Add("emailConfirmation", "Адреси email не збігаються. Введіть ту саму адресу двічі.");
        }

        if (!ContactDetails.TryNormaliseUkrainianPhone(command.Phone, out var phone))
        {
            errors.Add("phone", "Вкажіть номер телефону у форматі +380XXXXXXXXX або 0XXXXXXXXX.");
        }

        errors.ThrowIfAny();
        return (accountNumber!.Value, email!, phone!);
    }
}
