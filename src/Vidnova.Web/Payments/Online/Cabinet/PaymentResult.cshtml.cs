using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Vidnova.Customers;
using Vidnova.Hosting;
using Vidnova.Ledger;
using Vidnova.Persistence;

namespace Vidnova.Payments.Online.Cabinet;

/// <summary>
/// Where the provider sends the customer back (<c>result_url</c>, <c>redirectUrl</c>): the payment's outcome as it
/// arrives — the provider's callback may come a moment after the browser — polled from <c>?handler=Live</c> by
/// <c>pay.js</c> and announced politely. A payment that cleared the debt of an account cut off for it says that the
/// customer can apply for restoration now, with the link that starts it, as the confirmation email does.
/// </summary>
[Authorize(Policy = AuthorizationPolicies.Cabinet)]
[IgnoreAntiforgeryToken]
internal sealed class PaymentResultModel(VidnovaDbContext db, ILedger ledger, RestorationAfterPayment restoration) : PageModel
{
    [FromRoute]
    public string? OrderId { get; set; }

    public OnlinePayment Payment { get; private set; } = null!;

    public LedgerBalance Balance { get; private set; }

    public bool RestorationOpens { get; private set; }

    public string Status => OnlinePaymentsApi.StatusName(Payment.Status);

    public bool IsFinal => Payment.Status != OnlinePaymentStatus.Pending;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await FindAsync(cancellationToken) is not { } payment)
        {
            return NotFound();
        }

        Payment = payment;
        Balance = await ledger.BalanceOfAsync(payment.AccountNumber, cancellationToken);
        RestorationOpens = payment.Status == OnlinePaymentStatus.Posted && await restoration.OpensAsync(payment.AccountNumber, Balance, cancellationToken);
        return Page();
    }

    /// <summary>The small stamp the page polls: the status alone.</summary>
    public async Task<IActionResult> OnGetLiveAsync(CancellationToken cancellationToken) =>
        await FindAsync(cancellationToken) is { } payment
            ? new JsonResult(new { status = OnlinePaymentsApi.StatusName(payment.Status) })
            : NotFound();

    /// <summary>A provider that sends the customer back with a POST (a form of its own): the same page, fetched again.</summary>
    public IActionResult OnPost() => RedirectToPage(new { OrderId });

    private async Task<OnlinePayment?> FindAsync(CancellationToken cancellationToken)
    {
        var loginId = CustomerPrincipal.RequiredLoginIdOf(User);
        return Guid.TryParse(OrderId, out var id)
            ? await db.Set<OnlinePayment>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == id && p.LoginId == loginId, cancellationToken)
            : null;
    }
}
