using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using NodaTime;
using Vidnova.Accounts;
using Vidnova.Billing.Bills;
using Vidnova.Billing.Emails;
using Vidnova.Customers;
using Vidnova.Hosting;
using Vidnova.Localization;
using Vidnova.Problems;

namespace Vidnova.Billing.Cabinet;

/// <summary>
/// The bills of one of the login's accounts, newest first, each with its PDF; the consumption of the last 24 months
/// as a chart drawn here as SVG, with the same figures in a table and as a CSV file; and the choice of getting the
/// bills by email. Everything is read through <see cref="IBills"/>, as <c>GET /api/v1/me/accounts/{number}/bills</c>
/// and <c>…/consumption?months=24</c> read it, so the page, the file and the JSON agree.
/// </summary>
[Authorize(Policy = AuthorizationPolicies.Cabinet)]
internal sealed class CabinetBillsModel(
    ICustomerAccounts links,
    IPersonalAccounts accounts,
    IBills bills,
    BillDocument document,
    BillEmailChoice emails,
    IClock clock,
    IStringLocalizer<SharedResource> text) : PageModel
{
    /// <summary>How many months the chart shows, as the API's default.</summary>
    public const int ChartMonths = 24;

    [FromRoute]
    public string? AccountNumber { get; set; }

    public PersonalAccountSummary Account { get; private set; } = null!;

    /// <summary>Every bill of the account, newest first.</summary>
    public IReadOnlyList<Bill> Bills { get; private set; } = [];

    public ConsumptionChart Chart { get; private set; } = null!;

    /// <summary>This login asked for the account's bills by email.</summary>
    public bool EmailsOn { get; private set; }

    [TempData]
    public string? Done { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        if (await LinkedAsync(cancellationToken) is not { } number)
        {
            return NotFound();
        }

        var chart = ConsumptionChart.Of(await BillsApi.LastMonthsAsync(number, ChartMonths, bills, clock, cancellationToken));
        return File(ConsumptionCsv.Write(chart, text, CultureInfo.CurrentCulture), ConsumptionCsv.ContentType + "; charset=utf-8", ConsumptionCsv.FileName(number));
    }

    /// <summary>The bill's PDF behind the cabinet's cookie: the link the page and the bill-ready email give.</summary>
    public async Task<IActionResult> OnGetPdfAsync(string? period, CancellationToken cancellationToken)
    {
        if (await LinkedAsync(cancellationToken) is not { } number)
        {
            return NotFound();
        }

        try
        {
            var (content, fileName) = await BillDocumentApi.RenderAsync(number, period ?? "", accounts, bills, document, cancellationToken);
            return File(content, BillDocument.ContentType, fileName);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
    }

    public async Task<IActionResult> OnPostEmailsAsync(bool email, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        await emails.SetAsync(CustomerPrincipal.RequiredLoginIdOf(User), Account.Number, email, cancellationToken);
        Done = email
            ? text["Готово: кожен новий рахунок цього особового рахунку надійде на email вашого кабінету."]
            : text["Рахунки на email більше не надсилатимемо. Вони й далі є на цій сторінці."];
        return Redirect($"/cabinet/accounts/{Account.Number}/bills#done");
    }

    /// <summary>The account, if it is linked to this login; null otherwise, which the page answers with a plain 404.</summary>
    private async Task<Kernel.AccountNumber?> LinkedAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await links.RequireLinkedAsync(CustomerPrincipal.RequiredLoginIdOf(User), AccountNumber, cancellationToken);
        }
        catch (NotFoundException)
        {
            return null;
        }
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (await LinkedAsync(cancellationToken) is not { } number || await accounts.FindAsync(number, cancellationToken) is not { } account)
        {
            return false;
        }

        Account = account;
        Bills = await bills.OfAccountAsync(number, null, cancellationToken);
        Chart = ConsumptionChart.Of(await BillsApi.LastMonthsAsync(number, ChartMonths, bills, clock, cancellationToken));
        EmailsOn = await emails.IsOnAsync(CustomerPrincipal.RequiredLoginIdOf(User), number, cancellationToken);
        return true;
    }
}
