using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Vidnova.Accounts;
using Vidnova.Customers;
using Vidnova.Hosting;
using Vidnova.Kernel;
using Vidnova.Ledger;
using Vidnova.Persistence;
using Vidnova.Problems;

namespace Vidnova.Restoration.Cabinet;

/// <summary>
/// Restoration of one of the login's accounts: where its supply stands, what is still owed, and — when it may apply
/// — the phone and «Подати заяву»; then the application's status with the way to its page.
/// </summary>
[Authorize(Policy = AuthorizationPolicies.Cabinet)]
internal sealed class AccountRestorationModel(
    ICustomerAccounts customerAccounts,
    IPersonalAccounts accounts,
    ILedger ledger,
    IRestorationDebtPolicy debtPolicy,
    VidnovaDbContext db,
    ApplyFromCabinet applyFromCabinet,
    RateLimits limits) : PageModel, IShowsRefusals
{
    public PersonalAccountSummary? Account { get; private set; }

    /// <summary>What must still be paid before applying (the debt, under the supplier's policy); zero when nothing.</summary>
    public Money StillToPay { get; private set; }

    /// <summary>Whether <see cref="StillToPay"/> is what the account's repayment schedule asks (its first instalment and the current bill).</summary>
    public bool OnSchedule { get; private set; }

    /// <summary>The account's newest application, open or not.</summary>
    public RestorationApplication? Latest { get; private set; }

    [BindProperty]
    public string? Phone { get; set; }

    public string? PhoneError { get; private set; }

    public string? Refusal { get; private set; }

    [TempData]
    public string? FiledNumber { get; set; }

    public bool MayApply => Account is { SupplyStatus: SupplyStatus.DisconnectedForDebt } && !StillToPay.IsPositive && Latest is not { IsOpen: true };

    public async Task<IActionResult> OnGetAsync(string number, CancellationToken cancellationToken) =>
        await LoadAsync(number, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string number, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(number, cancellationToken))
        {
            return NotFound();
        }

        limits.ApplicationFrom(HttpContext);
        var (application, _) = await applyFromCabinet.HandleAsync(CustomerPrincipal.RequiredLoginIdOf(User), number, new CabinetApplyCommand(Phone),
            cancellationToken);
        FiledNumber = application.Number;
        return RedirectToPage();
    }

    public async Task<IActionResult> ShowRefusalAsync(PageRefusal refusal, CancellationToken cancellationToken)
    {
        var number = RouteData.Values["number"]?.ToString() ?? "";
        if (!await LoadAsync(number, cancellationToken))
        {
            return NotFound();
        }

        if (refusal.FieldErrors.TryGetValue("phone", out var phone))
        {
            PhoneError = string.Join(" ", phone);
        }
        else
        {
            Refusal = refusal.Sentence;
        }

        return Page();
    }

    /// <summary>The supply state in the customer's words (the resources translate it).</summary>
    public static string SupplyText(SupplyStatus status) => status switch
    {
        SupplyStatus.Connected => "Електропостачання є",
        SupplyStatus.DisconnectionOrdered => "Призначено відключення за борг",
        SupplyStatus.DisconnectedForDebt => "Відключено за борг",
        SupplyStatus.RestorationOrdered => "Замовлено відновлення",
        _ => status.ToString(),
    };

    private async Task<bool> LoadAsync(string number, CancellationToken cancellationToken)
    {
        var loginId = CustomerPrincipal.RequiredLoginIdOf(User);
        if (!AccountNumber.TryParse(number, out var accountNumber) || !await customerAccounts.IsLinkedAsync(loginId, accountNumber.Value, cancellationToken))
        {
            return false;
        }

        Account = await accounts.FindAsync(accountNumber.Value, cancellationToken);
        if (Account is null)
        {
            return false;
        }

        var owed = await debtPolicy.StillToPayAsync(await ledger.BalanceOfAsync(accountNumber.Value, cancellationToken), cancellationToken);
        StillToPay = owed.StillToPay;
        OnSchedule = owed.OnSchedule;
        Latest = await db.Set<RestorationApplication>().AsNoTracking()
            .Where(a => a.AccountNumber == accountNumber.Value)
            .OrderByDescending(a => a.SubmittedAt)
            .FirstOrDefaultAsync(cancellationToken);
        return true;
    }
}
