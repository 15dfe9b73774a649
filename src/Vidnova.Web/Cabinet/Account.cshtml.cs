using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Vidnova.Customers;
using Vidnova.Customers.Links;
using Vidnova.Dunning;
using Vidnova.Hosting;
using Vidnova.Ledger;
using Vidnova.Localization;
using Vidnova.Problems;
using Vidnova.Readings;

namespace Vidnova.Cabinet;

/// <summary>
/// One linked account: its details and next step, the ledger over a period (and as a CSV file), the logins that see
/// it for the holder's login, which may remove them, and unlinking it from this login. Confirmations are a second
/// step of the page itself, so they work without script and from the keyboard.
/// </summary>
[Authorize(Policy = AuthorizationPolicies.Cabinet)]
internal sealed class CabinetAccountModel(
    CabinetAccounts accounts, AccountLogins logins, UnlinkAccount unlink, IMeterReadings readings, IDunningStatus dunning,
    IStringLocalizer<SharedResource> text)
    : PageModel, IShowsRefusals
{
    [FromRoute]
    public string? AccountNumber { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    /// <summary>The login whose removal the holder is asked to confirm.</summary>
    [BindProperty(SupportsGet = true)]
    public Guid? Remove { get; set; }

    /// <summary>Asks to confirm unlinking the account from this login.</summary>
    [BindProperty(SupportsGet = true)]
    public bool Unlink { get; set; }

    public CabinetAccount Account { get; private set; } = null!;

    public LedgerStatement Statement { get; private set; } = null!;

    /// <summary>The other logins, for the holder's login only; null for anyone else.</summary>
    public IReadOnlyList<LinkedLogin>? Logins { get; private set; }

    public string? PeriodError { get; private set; }

    /// <summary>The account's meter, when it has one: the page offers the reading form.</summary>
    public MeterSummary? Meter { get; private set; }

    /// <summary>The meter's newest reading.</summary>
    public ReadingRecord? LastReading { get; private set; }

    /// <summary>A disconnection for debt the customer has been warned of: the page leads with it.</summary>
    public DunningWarningStatus? Dunning { get; private set; }

    /// <summary>A refused action (a login already removed, a lost holder's right): its sentence.</summary>
    public string? Refusal { get; private set; }

    [TempData]
    public string? Done { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        var loginId = CustomerPrincipal.RequiredLoginIdOf(User);
        StatementPeriod period;
        try
        {
            period = StatementPeriod.Parse(From, To);
        }
        catch (InputValidationException)
        {
            period = StatementPeriod.All;
        }

        try
        {
            var (number, statement) = await accounts.StatementAsync(loginId, AccountNumber, period, cancellationToken);
            return File(LedgerCsv.Write(statement, text, CultureInfo.CurrentCulture), LedgerCsv.ContentType + "; charset=utf-8", LedgerCsv.FileName(number, period));
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
    }

    public async Task<IActionResult> OnPostRemoveLoginAsync(Guid loginId, CancellationToken cancellationToken)
    {
        await unlink.RemoveLoginAsync(CustomerPrincipal.RequiredLoginIdOf(User), AccountNumber, loginId, cancellationToken);
        Done = "Доступ до рахунку видалено.";
        return Redirect($"/cabinet/accounts/{Uri.EscapeDataString(AccountNumber ?? "")}#logins");
    }

    public async Task<IActionResult> OnPostUnlinkAsync(CancellationToken cancellationToken)
    {
        await unlink.HandleAsync(CustomerPrincipal.RequiredLoginIdOf(User), AccountNumber, cancellationToken);
        return Redirect("/cabinet");
    }

    public async Task<IActionResult> ShowRefusalAsync(PageRefusal refusal, CancellationToken cancellationToken)
    {
        Remove = null;
        Unlink = false;
        Refusal = refusal.Sentence;
        return await LoadAsync(cancellationToken) ? Page() : NotFound();
    }

    /// <summary>False when the account is not this login's to see: the page is then a plain 404, as for one that does not exist.</summary>
    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var loginId = CustomerPrincipal.RequiredLoginIdOf(User);
        try
        {
            Account = await accounts.GetAsync(loginId, AccountNumber, cancellationToken);
        }
        catch (NotFoundException)
        {
            return false;
        }

        StatementPeriod period;
        try
        {
            period = StatementPeriod.Parse(From, To);
        }
        catch (InputValidationException invalid)
        {
            PeriodError = string.Join(" ", invalid.Errors.Select(e => ProblemTexts.Localize(HttpContext, e.MessageFormat, e.Arguments)));
            period = StatementPeriod.All;
        }

        Dunning = await dunning.WarningInForceAsync(Account.Number, cancellationToken);
        Meter = await readings.CurrentMeterAsync(Account.Number, cancellationToken);
        LastReading = Meter is null ? null : (await readings.HistoryAsync(Account.Number, cancellationToken)).FirstOrDefault(r => r.Meter.Id == Meter.Id);
        Statement = (await accounts.StatementAsync(loginId, AccountNumber, period, cancellationToken)).Statement;
        if (await logins.IsHolderAsync(loginId, Account.Number, cancellationToken))
        {
            Logins = await logins.OfAccountAsync(loginId, AccountNumber, cancellationToken);
        }

        return true;
    }
}
