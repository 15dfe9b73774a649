using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Vidnova.Accounts;
using Vidnova.Customers;
using Vidnova.Hosting;
using Vidnova.Kernel;
using Vidnova.Problems;

namespace Vidnova.RepaymentSchedules.Cabinet;

/// <summary>
/// The repayment schedule of one of the login's accounts: the schedule it follows (a table of instalments, a progress
/// bar of paid and remaining, the next instalment with a pay button) or, when there is none, the offer with a choice
/// of months and the required acceptance of the terms. Read and concluded through the same use cases as
/// <c>/api/v1/me/accounts/{number}/repayment-schedule…</c>.
/// </summary>
[Authorize(Policy = AuthorizationPolicies.Cabinet)]
internal sealed class CabinetRepaymentScheduleModel(
    ICustomerAccounts links,
    IPersonalAccounts accounts,
    RequestRepaymentSchedule requests,
    ScheduleCompliance compliance,
    IOptionsMonitor<RepaymentScheduleOptions> options) : PageModel, IShowsRefusals
{
    [FromRoute]
    public string? AccountNumber { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Months { get; set; }

    [BindProperty]
    public bool AcceptTerms { get; set; }

    public PersonalAccountSummary Account { get; private set; } = null!;

    /// <summary>The account's newest schedule, judged today; null when it never had one.</summary>
    public JudgedSchedule? Current { get; private set; }

    /// <summary>What the customer may conclude now; null while a schedule is open or when nothing can be offered.</summary>
    public ScheduleOffer? Offer { get; private set; }

    /// <summary>Why nothing is offered (no debt, a debt too small to split), in the customer's language.</summary>
    public string? NoOffer { get; private set; }

    public string? Refusal { get; private set; }

    public string? TermsError { get; private set; }

    public int MaxMonths => options.CurrentValue.MaxMonths;

    public int GraceDays => options.CurrentValue.GraceDays;

    [TempData]
    public string? Done { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await LinkedAsync(cancellationToken) is not { } number)
        {
            return NotFound();
        }

        var schedule = await requests.RequestAsync(number, CustomerPrincipal.RequiredLoginIdOf(User), Months, AcceptTerms, cancellationToken);
        Done = schedule.Status == RepaymentScheduleStatus.Active
            ? "Графік погашення укладено й погоджено. Сплачуйте внески до зазначених дат разом з поточними рахунками."
            : "Графік погашення передано на погодження керівнику; рішення з'явиться на цій сторінці. Поки графік розглядають, відключення за борг не розпочинають.";
        return RedirectToPage();
    }

    public async Task<IActionResult> ShowRefusalAsync(PageRefusal refusal, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        if (refusal.Code == "terms_not_accepted")
        {
            TermsError = refusal.Sentence;
        }
        else
        {
            Refusal = refusal.Sentence;
        }

        return Page();
    }

    /// <summary>The pay link of the account page's «Сплатити онлайн» form with <paramref name="amount"/> filled in.</summary>
    public string PayLink(Money amount) =>
        $"/cabinet/accounts/{Account.Number.Value}?payAmount={Uri.EscapeDataString(amount.Amount.ToString("0.00", CultureInfo.GetCultureInfo("uk-UA")))}#pay";

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (await LinkedAsync(cancellationToken) is not { } number || await accounts.FindAsync(number, cancellationToken) is not { } account)
        {
            return false;
        }

        Account = account;
        Current = await compliance.CurrentAsync(number, cancellationToken);
        if (Current is { Schedule.IsOpen: true })
        {
            return true;
        }

        if (Months is { } months && !InstalmentPlan.IsOffered(months, MaxMonths))
        {
            Months = null;
        }

        try
        {
            Offer = await requests.OfferAsync(number, Months, cancellationToken);
            Months = Offer.Months;
        }
        catch (BusinessRuleException refused)
        {
            NoOffer = ProblemTexts.Localize(HttpContext, refused.MessageFormat, [.. refused.Arguments]);
        }

        return true;
    }

    private async Task<AccountNumber?> LinkedAsync(CancellationToken cancellationToken)
    {
        var loginId = CustomerPrincipal.RequiredLoginIdOf(User);
        return Vidnova.Kernel.AccountNumber.TryParse(AccountNumber, out var number) && await links.IsLinkedAsync(loginId, number.Value, cancellationToken)
            ? number.Value
            : null;
    }
}
