using NodaTime;
using Vidnova.Accounts;
using Vidnova.Kernel;
using Vidnova.Ledger;
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
    IPersonalAccounts accounts,
    IClock clock,
    IRestorationDebtPolicy debtPolicy,
    ILedger ledger,
    RestorationEmails emails,
    ApplicationFiling filing)
{
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

        var open = await filing.FindOpenAsync(accountNumber, cancellationToken);
        if (open is not null)
        {
            return new ApplyResult(await filing.RepeatAsync(open, cancellationToken), AccessToken: null, Created: false);
        }

        RestorationEligibility.EnsureEligible(account, await debtPolicy.StillToPayAsync(await ledger.BalanceOfAsync(accountNumber, cancellationToken), cancellationToken));

        var now = clock.GetCurrentInstant();
        await filing.EnsureAccountLimitAsync(accountNumber, now, cancellationToken);
        var id = Guid.NewGuid();
        var accessToken = SecretTokens.NewAccessToken();
        var code = SecretTokens.NewConfirmationCode();
        var number = await filing.NextNumberAsync(now, cancellationToken);
        var application = RestorationApplication.Submit(id, number, account, email, phone,
            SecretTokens.Hash(accessToken), SecretTokens.HashConfirmationCode(id, code), SecretTokens.NewReplyToken(), now);
        var (saved, created) = await filing.SaveNewAsync(application, emails.ConfirmationCode(application, accessToken, code, now), cancellationToken);
        return new ApplyResult(saved, created ? accessToken : null, created);
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
