using NodaTime;
using Vidnova.Accounts;
using Vidnova.Customers;
using Vidnova.Dso;
using Vidnova.Kernel;
using Vidnova.Ledger;
using Vidnova.Problems;
using Vidnova.Restoration.Apply;
using Vidnova.Restoration.EmailConfirmation;
using Vidnova.Restoration.Notifications;

namespace Vidnova.Restoration.Cabinet;

internal sealed record CabinetApplyCommand([Text(32)] string? Phone);

/// <summary>
/// Files a restoration application from the personal account. The login proved it knows the holder's details when it
/// linked the account, and its email was confirmed at registration: so no surname and no code, and the invoice goes
/// to that email at once. The refusals are the public form's.
/// </summary>
internal sealed class ApplyFromCabinet(
    ICustomerAccounts customerAccounts,
    ICustomerContacts contacts,
    IPersonalAccounts accounts,
    IDsoDirectory dsos,
    IClock clock,
    IRestorationDebtPolicy debtPolicy,
    ILedger ledger,
    RestorationEmails emails,
    ApplicationFiling filing)
{
    public async Task<(RestorationApplication Application, bool Created)> HandleAsync(
        Guid loginId, string accountNumberText, CabinetApplyCommand command, CancellationToken cancellationToken)
    {
        var accountNumber = await CabinetApplications.LinkedAccountAsync(customerAccounts, loginId, accountNumberText, cancellationToken);
        if (!ContactDetails.TryNormaliseUkrainianPhone(command.Phone, out var phone))
        {
            throw new InputValidationException([new FieldError("phone", "Вкажіть номер телефону у форматі +380XXXXXXXXX або 0XXXXXXXXX.")]);
        }

        var account = await accounts.FindAsync(accountNumber, cancellationToken) ?? throw CabinetApplications.AccountNotFound();
        var open = await filing.FindOpenAsync(accountNumber, cancellationToken);
        if (open is not null)
        {
            return (await filing.RepeatAsync(open, cancellationToken), false);
        }

        RestorationEligibility.EnsureEligible(account, await debtPolicy.StillToPayAsync(await ledger.BalanceOfAsync(accountNumber, cancellationToken), cancellationToken));
        // Identity lets only a confirmed login sign in; a null here is a login whose confirmed address was taken back.
        var email = await contacts.ConfirmedEmailAsync(loginId, cancellationToken)
            ?? throw new BusinessRuleException("email_not_confirmed",
                "Email вашого входу до кабінету не підтверджено. Підтвердьте його за посиланням з листа й подайте заяву знову.");
        var dso = await dsos.FindRequisitesAsync(account.DsoCode, cancellationToken)
            ?? throw new InvalidOperationException($"The DSO {account.DsoCode} of account {account.Number} is not registered.");

        var now = clock.GetCurrentInstant();
        await filing.EnsureAccountLimitAsync(accountNumber, now, cancellationToken);
        var id = Guid.NewGuid();
        var number = await filing.NextNumberAsync(now, cancellationToken);
        // The token and the code are never sent: the login opens this application. The columns still need values.
        var application = RestorationApplication.SubmitFromCabinet(id, number, account, loginId, email, phone!,
            SecretTokens.Hash(SecretTokens.NewAccessToken()), SecretTokens.HashConfirmationCode(id, SecretTokens.NewConfirmationCode()),
            SecretTokens.NewReplyToken(), filed => ConfirmEmail.IssueInvoice(filed, dso, now), now);
        return await filing.SaveNewAsync(application, emails.Invoice(application, now), cancellationToken);
    }
}
