using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using QRCoder;
using Vidnova.Calendar;
using Vidnova.Customers;
using Vidnova.Hosting;

namespace Vidnova.Chatbot.Cabinet;

/// <summary>
/// The cabinet's «Підключити Telegram»: a one-time deep link to the bot with its QR code (scan it with the phone that
/// has Telegram), whether a chat is connected, and disconnecting every chat of the login.
/// </summary>
[Authorize(Policy = AuthorizationPolicies.Cabinet)]
internal sealed class TelegramModel(TelegramLinks links) : PageModel
{
    public bool Available { get; private set; }

    public bool Connected { get; private set; }

    public TelegramDeepLink? Link { get; private set; }

    public string? QrCodeDataUri { get; private set; }

    public LocalDateTime? ExpiresAt { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostConnectAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (!Available)
        {
            return Page();
        }

        Link = await links.IssueAsync(CustomerPrincipal.RequiredLoginIdOf(User), cancellationToken);
        ExpiresAt = Link.ExpiresAt.InZone(KyivTime.Zone).LocalDateTime;
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(Link.Url, QRCodeGenerator.ECCLevel.M);
        QrCodeDataUri = "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(6));
        return Page();
    }

    public async Task<IActionResult> OnPostDisconnectAsync(CancellationToken cancellationToken)
    {
        await links.UnlinkAllAsync(CustomerPrincipal.RequiredLoginIdOf(User), cancellationToken);
        Message = "Telegram відключено від кабінету. Бот більше не показує ваших рахунків.";
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Available = links.IsAvailable;
        Connected = Available && await links.IsConnectedAsync(CustomerPrincipal.RequiredLoginIdOf(User), cancellationToken);
    }
}
