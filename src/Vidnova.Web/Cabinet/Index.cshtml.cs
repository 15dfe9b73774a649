using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Vidnova.Chatbot;
using Vidnova.Customers;
using Vidnova.Hosting;

namespace Vidnova.Cabinet;

/// <summary>The cabinet's home: the login's accounts as cards, each with its one next step, or the form to link the first.</summary>
[Authorize(Policy = AuthorizationPolicies.Cabinet)]
internal sealed class CabinetHomeModel(CabinetAccounts accounts, ITelegramConnections telegram) : PageModel
{
    public IReadOnlyList<CabinetAccount> Accounts { get; private set; } = [];

    /// <summary>Set after linking: the account just added, to say so above the cards.</summary>
    [TempData]
    public string? Linked { get; set; }

    /// <summary>Null when this installation has no bot; otherwise whether the login connected a chat.</summary>
    public bool? TelegramConnected { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var loginId = CustomerPrincipal.RequiredLoginIdOf(User);
        Accounts = await accounts.ListAsync(loginId, cancellationToken);
        TelegramConnected = telegram.IsAvailable ? await telegram.IsConnectedAsync(loginId, cancellationToken) : null;
    }
}
