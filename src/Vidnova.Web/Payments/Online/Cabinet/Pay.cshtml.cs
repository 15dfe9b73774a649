using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vidnova.Customers;
using Vidnova.Hosting;
using Vidnova.Problems;

namespace Vidnova.Payments.Online.Cabinet;

/// <summary>
/// The cabinet's «Сплатити» form posts here: the checkout starts (<see cref="StartCheckout"/>, as the API's) and this
/// page takes the customer on to the provider — LiqPay's form of <c>data</c> and <c>signature</c> posted to its
/// checkout, mono's invoice page opened — at once by script, or by its one button without. A page rather than a
/// redirect: the pages' policy lets forms post only to us (<c>form-action 'self'</c>), and Chromium holds a form's
/// redirects to it too, so this page alone allows the provider's checkout address.
/// </summary>
[Authorize(Policy = AuthorizationPolicies.Cabinet)]
internal sealed class PayModel(StartCheckout startCheckout) : PageModel, IShowsRefusals
{
    [FromRoute]
    public string? AccountNumber { get; set; }

    [BindProperty]
    public string? Amount { get; set; }

    [BindProperty]
    public string? Provider { get; set; }

    public ProviderCheckout Checkout { get; private set; } = null!;

    public string OrderId { get; private set; } = "";

    /// <summary>The account page's refusal of the last try, shown beside its form.</summary>
    [TempData]
    public string? PayError { get; set; }

    public IActionResult OnGet() => Redirect(AccountPage);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var started = await startCheckout.HandleAsync(CustomerPrincipal.RequiredLoginIdOf(User), User.FindFirst(ClaimTypes.Email)?.Value, AccountNumber,
            new CheckoutCommand(ParseAmount(Amount), Provider), cancellationToken);
        Checkout = started.Checkout;
        OrderId = started.Payment.OrderId;
        var target = new Uri(Checkout.Form?.Action ?? Checkout.RedirectUrl.AbsoluteUri);
        Response.Headers.ContentSecurityPolicy = SecurityHeaders.ContentSecurityPolicy.Replace("form-action 'self'",
            $"form-action 'self' {target.GetLeftPart(UriPartial.Authority)}", StringComparison.Ordinal);
        return Page();
    }

    public Task<IActionResult> ShowRefusalAsync(PageRefusal refusal, CancellationToken cancellationToken)
    {
        PayError = refusal.FieldErrors.Count > 0 ? string.Join(" ", refusal.FieldErrors.Values.SelectMany(s => s)) : refusal.Sentence;
        return Task.FromResult<IActionResult>(Redirect(AccountPage + (Amount is { Length: > 0 } ? $"?payAmount={Uri.EscapeDataString(Amount)}" : "") + "#pay"));
    }

    private string AccountPage => $"/cabinet/accounts/{Uri.EscapeDataString(AccountNumber ?? "")}";

    /// <summary>Hryvnias as a person types them: «1 234,56» or «1234.56»; anything else is left to the use case to refuse.</summary>
    private static decimal? ParseAmount(string? text)
    {
        var cleaned = text?.Replace(" ", "", StringComparison.Ordinal).Replace("\u00a0", "", StringComparison.Ordinal)
            .Replace(",", ".", StringComparison.Ordinal).Replace("грн", "", StringComparison.OrdinalIgnoreCase);
        return decimal.TryParse(cleaned, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) ? amount : null;
    }
}
